package dev.hindsight.log;

import java.util.List;

/**
 * One stream's validated part of an append, its strings encoded; built before the append lock is taken.
 *
 * <p>Design note: a class, not a record, for the reason {@link PreparedEvent} gives: the encoded id and type are
 * shared without a copy, and an instance is never compared or hashed.
 */
final class PreparedAppend {

    private final String streamId;
    private final byte[] sid;
    private final String entityType;
    private final byte[] type;
    private final List<PreparedEvent> events;
    private final ExpectedVersion expected;
    private final byte[] key;

    /**
     * @param sid the UTF-8 of {@code streamId}
     * @param type the UTF-8 of {@code entityType}
     * @param key the append's idempotency key (ASCII), written with each record, or {@code null}
     */
    PreparedAppend(String streamId, byte[] sid, String entityType, byte[] type, List<PreparedEvent> events,
                   ExpectedVersion expected, byte[] key) {
        this.streamId = streamId;
        this.sid = sid;
        this.entityType = entityType;
        this.type = type;
        this.events = events;
        this.expected = expected;
        this.key = key;
    }

    /** The idempotency key's bytes, not a copy, or {@code null}. */
    byte[] key() {
        return key;
    }

    String streamId() {
        return streamId;
    }

    /** The UTF-8 of {@link #streamId()}, not a copy. */
    byte[] sid() {
        return sid;
    }

    String entityType() {
        return entityType;
    }

    /** The UTF-8 of {@link #entityType()}, not a copy. */
    byte[] type() {
        return type;
    }

    List<PreparedEvent> events() {
        return events;
    }

    ExpectedVersion expected() {
        return expected;
    }

    /** The length of the records the events become, in bytes. */
    long bytes() {
        long total = 0;
        for (PreparedEvent e : events) {
            total += e.recordLength() + RecordEncoder.keyLength(key);
        }
        return total;
    }
}
