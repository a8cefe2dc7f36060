package dev.hindsight.log;

/** An append's guard did not match the stream's current version; nothing was written. */
public final class WrongExpectedVersionException extends EventLogException {

    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;

    private WrongExpectedVersionException(String streamId, long expectedVersion, long actualVersion) {
        super("version conflict on stream '" + streamId + "': expected version " + expectedVersion
            + (expectedVersion == 0 ? " (no stream)" : "") + ", actual version " + actualVersion);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** The conflict for {@code streamId}, whose version is {@code actual} where the guard expected {@code expected}. */
    public static WrongExpectedVersionException of(String streamId, ExpectedVersion expected, long actual) {
        return new WrongExpectedVersionException(streamId, expected.value(), actual);
    }

    public String streamId() {
        return streamId;
    }

    /** The guard's value: {@code 0} (no stream) or the exact version expected. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** The stream's version when the append was checked ({@code 0} if it had no events). */
    public long actualVersion() {
        return actualVersion;
    }
}
