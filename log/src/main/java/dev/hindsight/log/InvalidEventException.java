package dev.hindsight.log;

/**
 * An append was refused because of its input: a bad stream id or name, a payload that is not a JSON object, an
 * event over the size limit. The message names the field, the problem and the limit; nothing was written.
 */
public final class InvalidEventException extends EventLogException {

    private static final long serialVersionUID = 1L;

    private final String field;

    private InvalidEventException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input field at fault: {@code streamId}, {@code entityType}, {@code name}, {@code data}, ... */
    public String field() {
        return field;
    }

    static InvalidEventException of(String field, String message) {
        return new InvalidEventException(field, message);
    }

    static InvalidEventException notJsonObject(String field, int eventIndex, String problem) {
        return new InvalidEventException(field, field + " of event #" + eventIndex
            + " must be a JSON object (e.g. {\"total\": 100}): " + problem);
    }

    static InvalidEventException tooLarge(int eventIndex, long size, long limit) {
        return new InvalidEventException("data", "event #" + eventIndex + " is " + size
            + " bytes, over the limit of " + limit + " bytes (maxEventBytes); split it or raise the limit");
    }
}
