package dev.hindsight.log;

import static dev.hindsight.log.RecordDescriptor.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads records laid out as in {@link RecordDescriptor}. {@link #wrap} checks the frame and the checksum before any
 * field is trusted. One decoder per reading thread: not thread-safe.
 */
final class RecordDecoder implements EventView {

    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

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
        if (type == TYPE_EVENT
                ? length < EVENT_HEADER_LENGTH + CRC_LENGTH
                : type != TYPE_VOID || length != VOID_LENGTH) {
            return "bad record type " + type + " for length " + length;
        }
        crc.reset();
        crc.update(bytes, 0, crcOffset(length));
        if ((int) crc.getValue() != buffer.getInt(crcOffset(length))) {
            return "checksum mismatch";
        }
        return type == TYPE_EVENT ? checkEventFields(length) : null;
    }

    /**
     * An event's own fields, checked even though its checksum matched (a crafted file, or a writer bug, can carry
     * a valid checksum): each length at least zero (metadata's is −1 for NULL), their sum (in a long: no overflow)
     * the record's length, the source a known code. Reading a field then never reaches outside the record.
     */
    private String checkEventFields(int length) {
        int data = dataLength();
        int metadata = metadataLength();
        if (data < 0 || metadata < -1) {
            return "negative field length (data " + data + ", metadata " + metadata + ")";
        }
        int flags = flags();
        if ((flags & ~FLAG_IDEMPOTENCY_KEY) != 0) {
            return "unknown flags 0x" + Integer.toHexString(flags);
        }
        long sum = (long) EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength() + data
            + Math.max(metadata, 0) + CRC_LENGTH;
        if (flags != 0) {
            if (sum >= length) {
                return "field lengths do not add up to the record length";
            }
            int key = keyLength((int) sum - CRC_LENGTH);
            if (key == 0) {
                return "an empty idempotency key";
            }
            sum += 1 + key;
            if (sum == length && !visibleAscii((int) sum - CRC_LENGTH - key, key)) {
                return "an idempotency key that is not visible ASCII";
            }
        }
        if (sum != length) {
            return "field lengths do not add up to the record length";
        }
        int source = buffer.getByte(SOURCE_OFFSET);
        if (source < 0 || source >= Source.values().length) {
            return "unknown source code " + source;
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

    /** Whether {@code length} bytes from {@code at} are visible ASCII, as {@link EventValidator} lets a key be. */
    private boolean visibleAscii(int at, int length) {
        for (int i = at; i < at + length; i++) {
            byte b = buffer.getByte(i);
            if (b <= 0x20 || b >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private int flags() {
        return buffer.getByte(FLAGS_OFFSET) & 0xff;
    }

    /** The key's length, from its length byte at {@code at}. */
    private int keyLength(int at) {
        return buffer.getByte(at) & 0xff;
    }

    @Override
    public String idempotencyKey() {
        if ((flags() & FLAG_IDEMPOTENCY_KEY) == 0) {
            return null;
        }
        int at = EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength() + dataLength()
            + Math.max(metadataLength(), 0);
        return new String(buffer.byteArray(), at + 1, keyLength(at), StandardCharsets.US_ASCII);
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
        return Arrays.equals(arr, at, at + len, utf8, 0, len);
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
    public void dataUtf8(Utf8Sink sink) {
        sink.accept(buffer.byteArray(), EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength(),
            dataLength());
    }

    @Override
    public boolean metadataUtf8(Utf8Sink sink) {
        int len = metadataLength();
        if (len < 0) {
            return false;
        }
        sink.accept(buffer.byteArray(), EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength()
            + dataLength(), len);
        return true;
    }

    @Override
    public boolean dataMayHold(byte[] utf8) {
        return mayHold(EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength(), dataLength(), utf8);
    }

    @Override
    public boolean metadataMayHold(byte[] utf8) {
        int len = metadataLength();
        return len >= 0 && mayHold(EVENT_HEADER_LENGTH + streamIdLength() + entityTypeLength() + nameLength()
            + dataLength(), len, utf8);
    }

    /**
     * Whether bytes {@code [at, at + len)} of the record contain {@code needle} or a backslash: one pass, eight bytes
     * at a time (a word with neither the backslash nor the needle's first byte is skipped whole; the classic
     * has-zero-byte test, whose rare false hits only cost a byte-by-byte look).
     */
    private boolean mayHold(int at, int len, byte[] needle) {
        byte[] arr = buffer.byteArray();
        if (needle.length == 0) {
            return true;
        }
        long backslashes = ONES * '\\';
        long firsts = ONES * (needle[0] & 0xFF);
        int end = at + len;
        int i = at;
        for (; i + 8 <= end; i += 8) {
            long word = (long) LONGS.get(arr, i);
            long b = word ^ backslashes;
            long f = word ^ firsts;
            if (((((b - ONES) & ~b) | ((f - ONES) & ~f)) & HIGHS) != 0 && mayHoldAt(arr, i, i + 8, end, needle)) {
                return true;
            }
        }
        return mayHoldAt(arr, i, end, end, needle);
    }

    /** Whether a backslash or the start of {@code needle} (ending by {@code end}) is at one of {@code [from, to)}. */
    private static boolean mayHoldAt(byte[] arr, int from, int to, int end, byte[] needle) {
        int n = needle.length;
        for (int i = from; i < to; i++) {
            byte b = arr[i];
            if (b == '\\') {
                return true;
            }
            if (b == needle[0] && i + n <= end) {
                int k = 1;
                while (k < n && arr[i + k] == needle[k]) {
                    k++;
                }
                if (k == n) {
                    return true;
                }
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
