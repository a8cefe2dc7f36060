package dev.hindsight.log;

import static dev.hindsight.log.RecordDescriptor.*;

import java.util.zip.CRC32C;
import org.agrona.ExpandableArrayBuffer;

/**
 * Frames records into a reusable buffer, layout as drawn in {@link RecordDescriptor}. Owned by the single appending
 * thread (under the append lock): not thread-safe.
 */
final class RecordEncoder {

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final CRC32C crc = new CRC32C();

    /** The buffer holding the last encoded record from offset 0. */
    byte[] array() {
        return buffer.byteArray();
    }

    /** The bytes an idempotency key adds to a record: its length byte and itself; none without one. */
    static int keyLength(byte[] key) {
        return key == null ? 0 : 1 + key.length;
    }

    /** Encodes an EVENT record, with the append's idempotency key if {@code key} is not null; returns its length. */
    int encodeEvent(long seq, long version, long ts, long idMsb, long idLsb, int batchRemaining, Source source,
                    byte[] streamId, byte[] entityType, PreparedEvent e, byte[] key) {
        ExpandableArrayBuffer b = buffer;
        int length = e.recordLength() + keyLength(key);
        b.checkLimit(length);
        b.putByte(MAGIC_OFFSET, MAGIC);
        b.putByte(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        b.putShort(TYPE_OFFSET, TYPE_EVENT);
        b.putInt(LENGTH_OFFSET, length);
        b.putLong(SEQ_OFFSET, seq);
        b.putLong(VERSION_OFFSET, version);
        b.putLong(TS_OFFSET, ts);
        b.putLong(EVENT_ID_MSB_OFFSET, idMsb);
        b.putLong(EVENT_ID_LSB_OFFSET, idLsb);
        b.putInt(BATCH_REMAINING_OFFSET, batchRemaining);
        b.putInt(SCHEMA_VERSION_OFFSET, e.schemaVersion());
        b.putByte(SOURCE_OFFSET, source.code());
        b.putByte(FLAGS_OFFSET, key == null ? 0 : FLAG_IDEMPOTENCY_KEY);
        b.putShort(STREAM_ID_LENGTH_OFFSET, (short) streamId.length);
        b.putShort(ENTITY_TYPE_LENGTH_OFFSET, (short) entityType.length);
        b.putShort(NAME_LENGTH_OFFSET, (short) e.name().length);
        b.putInt(DATA_LENGTH_OFFSET, e.data().length);
        b.putInt(METADATA_LENGTH_OFFSET, e.metadata() == null ? -1 : e.metadata().length);
        int at = EVENT_HEADER_LENGTH;
        at = put(at, streamId);
        at = put(at, entityType);
        at = put(at, e.name());
        at = put(at, e.data());
        if (e.metadata() != null) {
            at = put(at, e.metadata());
        }
        if (key != null) {
            b.putByte(at, (byte) key.length);
            put(at + 1, key);
        }
        sealWithCrc(length);
        return length;
    }

    /** Encodes a VOID record that cuts back {@code count} excerpts from {@code firstIndex}; returns its length. */
    int encodeVoid(long firstIndex, long count) {
        ExpandableArrayBuffer b = buffer;
        b.putByte(MAGIC_OFFSET, MAGIC);
        b.putByte(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        b.putShort(TYPE_OFFSET, TYPE_VOID);
        b.putInt(LENGTH_OFFSET, VOID_LENGTH);
        b.putLong(VOID_FIRST_INDEX_OFFSET, firstIndex);
        b.putLong(VOID_COUNT_OFFSET, count);
        sealWithCrc(VOID_LENGTH);
        return VOID_LENGTH;
    }

    private int put(int at, byte[] bytes) {
        buffer.putBytes(at, bytes);
        return at + bytes.length;
    }

    private void sealWithCrc(int length) {
        crc.reset();
        crc.update(buffer.byteArray(), 0, crcOffset(length));
        buffer.putInt(crcOffset(length), (int) crc.getValue());
    }
}
