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

    /**
     * Whether {@link #data()} may hold a JSON string with the text whose UTF-8 bytes are {@code utf8}: its bytes
     * contain them, or contain a backslash (an escape could spell the text differently). One pass over the stored
     * bytes, nothing decoded; {@code false} means it certainly does not.
     */
    boolean dataMayHold(byte[] utf8);

    /** {@link #dataMayHold} for {@link #metadata()}; {@code false} without metadata. */
    boolean metadataMayHold(byte[] utf8);

    /** The whole event, decoded. */
    RecordedEvent toEvent();
}
