package dev.hindsight.log;

import java.util.List;
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
     * The {@code Idempotency-Key} the event's append was made with ({@link EventLog#appendAll(List, Source, String)}),
     * or {@code null}: not one of the event's columns, never in {@link #toEvent()}.
     */
    String idempotencyKey();

    /**
     * Whether {@link #data()} may hold a JSON string with the text whose UTF-8 bytes are {@code utf8}: its bytes
     * contain them, or contain a backslash (an escape could spell the text differently). One pass over the stored
     * bytes, nothing decoded; {@code false} means it certainly does not.
     */
    boolean dataMayHold(byte[] utf8);

    /** {@link #dataMayHold} for {@link #metadata()}; {@code false} without metadata. */
    boolean metadataMayHold(byte[] utf8);

    /** Receives a stored field's UTF-8 bytes, {@code bytes[offset, offset + length)}: valid only during the call. */
    @FunctionalInterface
    interface Utf8Sink {
        void accept(byte[] bytes, int offset, int length);
    }

    /** Hands the stored UTF-8 bytes of {@link #data()} to {@code sink}, decoding nothing (a JSON walk needs none). */
    void dataUtf8(Utf8Sink sink);

    /** {@link #dataUtf8} for {@link #metadata()}; {@code false}, and no call, without metadata. */
    boolean metadataUtf8(Utf8Sink sink);

    /** The whole event, decoded. */
    RecordedEvent toEvent();
}
