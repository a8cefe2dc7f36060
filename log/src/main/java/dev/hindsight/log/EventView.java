package dev.hindsight.log;

import java.util.UUID;

/**
 * One event during {@link EventLog#visit}: its fields decode only when asked for, so a scan that needs two columns
 * does not pay for eleven. Valid only inside the visitor's call; copy what you keep ({@link #toEvent()}).
 */
public interface EventView {

    long seq();

    String streamId();

    String entityType();

    long version();

    String name();

    /** Whether {@link #name()} equals {@code utf8}, compared as bytes without decoding. */
    boolean nameEquals(byte[] utf8);

    int schemaVersion();

    UUID eventId();

    long ts();

    Source source();

    String data();

    /** The metadata, or {@code null}. */
    String metadata();

    /** Whether the UTF-8 bytes of {@link #data()} contain {@code utf8}, searched without decoding. */
    boolean dataContains(byte[] utf8);

    /** Whether the UTF-8 bytes of {@link #metadata()} contain {@code utf8}; {@code false} without metadata. */
    boolean metadataContains(byte[] utf8);

    /** The whole event, decoded. */
    RecordedEvent toEvent();
}
