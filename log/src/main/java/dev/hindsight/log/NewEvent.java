package dev.hindsight.log;

import java.util.Objects;

/**
 * An event to append, before the log assigns its {@code seq}, {@code version}, {@code eventId} and {@code ts}.
 *
 * @param name          past-tense event name, e.g. {@code order.placed} (1–256 chars, no control chars)
 * @param data          the domain payload: a JSON object
 * @param metadata      plumbing as a JSON object, or {@code null}
 * @param schemaVersion schema version of this event type, {@code >= 1}
 */
public record NewEvent(String name, String data, String metadata, int schemaVersion) {

    /** The most characters (code points) a stream id, an entity type or an event name has. */
    public static final int MAX_ID_CHARS = 256;

    public NewEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }

    /** An event with no metadata and schema version 1. */
    public static NewEvent of(String name, String data) {
        return new NewEvent(name, data, null, 1);
    }

    /** An event with metadata (may be {@code null}) and schema version 1. */
    public static NewEvent of(String name, String data, String metadata) {
        return new NewEvent(name, data, metadata, 1);
    }
}
