package dev.hindsight.log;

/**
 * An append was refused because of its input: a bad stream id or name, a payload that is not a JSON object, an
 * event over the size limit. The message names the field, the problem and the limit; nothing was written.
 */
public final class InvalidEventException extends EventLogException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final int eventIndex;

    private InvalidEventException(String field, int eventIndex, String message) {
        super(message);
        this.field = field;
        this.eventIndex = eventIndex;
    }

    /** The input field at fault: {@code streamId}, {@code entityType}, {@code name}, {@code data}, ... */
    public String field() {
        return field;
    }

    /**
     * The position in the append of the event at fault (from 0, across the append's streams), or -1 if the fault is
     * the append's own (its stream id, its key, no events at all).
     */
    public int eventIndex() {
        return eventIndex;
    }

    static InvalidEventException of(String field, String message) {
        return new InvalidEventException(field, -1, message);
    }

    /** A fault of event {@code eventIndex}; {@code message} names the event already. */
    static InvalidEventException ofEvent(String field, int eventIndex, String message) {
        return new InvalidEventException(field, eventIndex, message);
    }

    /** {@code e}, a fault of a value found in event {@code eventIndex}, naming it. */
    static InvalidEventException atEvent(InvalidEventException e, int eventIndex) {
        return new InvalidEventException(e.field, eventIndex, e.getMessage() + " (event #" + eventIndex + ")");
    }

    static InvalidEventException notJsonObject(String field, int eventIndex, String problem) {
        return new InvalidEventException(field, eventIndex, field + " of event #" + eventIndex
            + " must be a JSON object (e.g. {\"total\": 100}): " + problem);
    }

    static InvalidEventException tooLarge(int eventIndex, long size, long limit) {
        return new InvalidEventException("data", eventIndex, "event #" + eventIndex + " is " + size
            + " bytes, over the limit of " + limit + " bytes per event; split it, or keep large payloads elsewhere "
            + "and refer to them (an application opening the log itself may raise LogConfig's maxEventBytes)");
    }
}
