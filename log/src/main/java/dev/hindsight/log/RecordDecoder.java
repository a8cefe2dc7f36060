package dev.hindsight.log;

import static dev.hindsight.log.RecordDescriptor.*;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads records laid out as in {@link RecordDescriptor}. {@link #wrap} checks the frame and the checksum before any
 * field is trusted. One decoder per reading thread: not thread-safe.
 */
final class RecordDecoder implements EventView {

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private final CRC32C crc = new CRC32C();

    /**
     * Wraps {@code length} bytes of {@code bytes} and checks them.
     *
     * @return {@code null} if the record is whole, else what is wrong with it
     */
    String wrap(byte[] bytes, int length) {
        buffer.wrap(bytes, 0, Math.max(length, 0));
        if (length < LENGTH_OFFSET + 4) {
            return "record of " + length + " bytes is shorter than any header";
        }
        if (buffer.getByte(MAGIC_OFFSET) != MAGIC) {
            return "bad magic byte 0x" + Integer.toHexString(buffer.getByte(MAGIC_OFFSET) & 0xff);
        }
        if (buffer.getByte(LAYOUT_VERSION_OFFSET) != LAYOUT_VERSION) {
            return "unknown record layout version " + buffer.getByte(LAYOUT_VERSION_OFFSET);
        }
        int declared = buffer.getInt(LENGTH_OFFSET);
        if (declared != length) {
            return "record says " + declared + " bytes but the excerpt holds " + length;
        }
        short type = type();
        if (type == TYPE_EVENT ? length < EVENT_HEADER_LENGTH + CRC_LENGTH : type != TYPE_VOID || length != VOID_LENGTH) {
            return "bad record type " + type + " for length " + length;
        }
        crc.reset();
        crc.update(bytes, 0, crcOffset(length));
        if ((int) crc.getValue() != buffer.getInt(crcOffset(length))) {
            return "checksum mismatch";
        }
        if (type == TYPE_EVENT && EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength()
            + dataLength() + Math.max(metadataLength(), 0) + CRC_LENGTH != length) {
            return "field lengths do not add up to the record length";
        }
        return null;
    }

    short type() {
        return buffer.getShort(TYPE_OFFSET);
    }

    @Override
    public long seq() {
        return buffer.getLong(SEQ_OFFSET);
    }

    @Override
    public long version() {
        return buffer.getLong(VERSION_OFFSET);
    }

    @Override
    public long ts() {
        return buffer.getLong(TS_OFFSET);
    }

    int batchRemaining() {
        return buffer.getInt(BATCH_REMAINING_OFFSET);
    }

    long voidFirstIndex() {
        return buffer.getLong(VOID_FIRST_INDEX_OFFSET);
    }

    int streamIdLength() {
        return buffer.getShort(STREAM_ID_LENGTH_OFFSET) & 0xffff;
    }

    int entityTypeLength() {
        return buffer.getShort(ENTITY_TYPE_LENGTH_OFFSET) & 0xffff;
    }

    int nameLength() {
        return buffer.getShort(NAME_LENGTH_OFFSET) & 0xffff;
    }

    int dataLength() {
        return buffer.getInt(DATA_LENGTH_OFFSET);
    }

    int metadataLength() {
        return buffer.getInt(METADATA_LENGTH_OFFSET);
    }

    @Override
    public String streamId() {
        return string(EVENT_HEADER_LENGTH, streamIdLength());
    }

    @Override
    public String entityType() {
        return string(EVENT_HEADER_LENGTH + streamIdLength(), entityTypeLength());
    }

    @Override
    public String name() {
        return string(EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength(), nameLength());
    }

    /** Whether the name equals {@code utf8} without decoding it. */
    @Override
    public boolean nameEquals(byte[] utf8) {
        int len = nameLength();
        if (len != utf8.length) {
            return false;
        }
        int at = EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength();
        byte[] arr = buffer.byteArray();
        return java.util.Arrays.equals(arr, at, at + len, utf8, 0, len);
    }

    @Override
    public RecordedEvent toEvent() {
        int at = EVENT_HEADER_LENGTH;
        String streamId = string(at, streamIdLength());
        at += streamIdLength();
        String entityType = string(at, entityTypeLength());
        at += entityTypeLength();
        String name = string(at, nameLength());
        at += nameLength();
        String data = string(at, dataLength());
        at += dataLength();
        int metaLen = metadataLength();
        String metadata = metaLen < 0 ? null : string(at, metaLen);
        return new RecordedEvent(seq(), streamId, entityType, version(), name,
            buffer.getInt(SCHEMA_VERSION_OFFSET),
            new UUID(buffer.getLong(EVENT_ID_MSB_OFFSET), buffer.getLong(EVENT_ID_LSB_OFFSET)), ts(),
            Source.fromCode(buffer.getByte(SOURCE_OFFSET)), data, metadata);
    }

    @Override
    public int schemaVersion() {
        return buffer.getInt(SCHEMA_VERSION_OFFSET);
    }

    @Override
    public UUID eventId() {
        return new UUID(buffer.getLong(EVENT_ID_MSB_OFFSET), buffer.getLong(EVENT_ID_LSB_OFFSET));
    }

    @Override
    public Source source() {
        return Source.fromCode(buffer.getByte(SOURCE_OFFSET));
    }

    @Override
    public String data() {
        return string(EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength(), dataLength());
    }

    @Override
    public boolean dataContains(byte[] utf8) {
        return contains(EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength(), dataLength(), utf8);
    }

    @Override
    public boolean metadataContains(byte[] utf8) {
        int len = metadataLength();
        return len >= 0 && contains(EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength()
            + dataLength(), len, utf8);
    }

    /** Whether bytes {@code [at, at + len)} of the record contain {@code needle}. */
    private boolean contains(int at, int len, byte[] needle) {
        byte[] arr = buffer.byteArray();
        int n = needle.length;
        if (n == 0) {
            return true;
        }
        byte first = needle[0];
        for (int i = at, last = at + len - n; i <= last; i++) {
            if (arr[i] == first && java.util.Arrays.equals(arr, i, i + n, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String metadata() {
        int len = metadataLength();
        return len < 0 ? null
            : string(EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength() + dataLength(), len);
    }

    /** The wrapped bytes; fields sit at the offsets of {@link RecordDescriptor}. */
    byte[] byteArray() {
        return buffer.byteArray();
    }

    private String string(int offset, int len) {
        return new String(buffer.byteArray(), offset, len, StandardCharsets.UTF_8);
    }
}
