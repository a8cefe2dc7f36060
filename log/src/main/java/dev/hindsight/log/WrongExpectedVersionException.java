package dev.hindsight.log;

/** An append's guard did not match the stream's current version; nothing was written. */
public final class WrongExpectedVersionException extends EventLogException {

    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;
    private final int eventIndex;

    private WrongExpectedVersionException(String streamId, long expectedVersion, long actualVersion, int eventIndex) {
        super("version conflict on stream '" + streamId + "': expected version " + expectedVersion
            + (expectedVersion == 0 ? " (no stream)" : "") + ", actual version " + actualVersion
            + (eventIndex < 0 ? "" : " (at event #" + eventIndex + " of the append, the events before it in the "
                + "append counted as written)"));
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
        this.eventIndex = eventIndex;
    }

    /** The conflict for {@code streamId}, whose version is {@code actual} where the guard expected {@code expected}. */
    public static WrongExpectedVersionException of(String streamId, ExpectedVersion expected, long actual) {
        return new WrongExpectedVersionException(streamId, expected.value(), actual, -1);
    }

    /**
     * The conflict of a guard of an append of several parts (several streams, or several guards on one), whose first
     * event is the append's event #{@code eventIndex}; {@code actual} counts the events of the parts before it.
     */
    static WrongExpectedVersionException of(String streamId, ExpectedVersion expected, long actual, int eventIndex) {
        return new WrongExpectedVersionException(streamId, expected.value(), actual, eventIndex);
    }

    public String streamId() {
        return streamId;
    }

    /** The guard's value: {@code 0} (no stream) or the exact version expected. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * The stream's version when the guard was checked ({@code 0} if it had no events), counting the events of the
     * append's parts before it.
     */
    public long actualVersion() {
        return actualVersion;
    }

    /**
     * The position in the whole append (from 0) of the first event the failed guard stood on, or -1 for an append of
     * one part (the guard stood on its first event).
     */
    public int eventIndex() {
        return eventIndex;
    }
}
