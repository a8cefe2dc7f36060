package dev.hindsight.log;

import static dev.hindsight.log.RecordDescriptor.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The record decoder on untrusted bytes: {@link RecordDecoder#wrap} refuses a malformed record by returning what is
 * wrong (it never throws), and once it has accepted a record every field reads without throwing. Random bytes rarely
 * get past the checksum, so one target re-seals the fuzzer's bytes with a correct frame and CRC to reach the field
 * checks behind it. And an event framed by {@link RecordEncoder} decodes to exactly what was encoded.
 *
 * <p>Plain test runs replay the seeds under {@code RecordDecoderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class RecordDecoderFuzzTest {

    private static final byte[] NEEDLE = "\"total\"".getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "30s")
    void arbitraryBytesAreRefusedWithAReasonOrReadInFull(byte[] bytes) {
        decodeFully(bytes);
    }

    @FuzzTest(maxDuration = "30s")
    void resealedBytesAreRefusedWithAReasonOrReadInFull(byte[] bytes) {
        decodeFully(reseal(bytes));
    }

    @FuzzTest(maxDuration = "30s")
    void anEncodedEventDecodesToItself(FuzzedDataProvider in) {
        String streamId = in.consumeString(300);
        String entityType = in.consumeString(300);
        String name = in.consumeString(300);
        String data = in.consumeString(2000);
        String metadata = in.consumeBoolean() ? in.consumeString(500) : null;
        int schemaVersion = in.consumeInt();
        long seq = in.consumeLong();
        long version = in.consumeLong();
        long ts = in.consumeLong();
        UUID id = new UUID(in.consumeLong(), in.consumeLong());
        int batchRemaining = in.consumeInt(0, Integer.MAX_VALUE);
        Source source = in.pickValue(Source.values());
        // an idempotency key: 1–255 visible ASCII characters, or none
        String key = in.consumeBoolean() ? null : "k" + in.consumeAsciiString(254).replaceAll("[^\\x21-\\x7e]", "x");

        byte[] streamIdUtf8 = utf8(streamId);
        byte[] entityTypeUtf8 = utf8(entityType);
        byte[] nameUtf8 = utf8(name);
        byte[] dataUtf8 = utf8(data);
        byte[] metadataUtf8 = metadata == null ? null : utf8(metadata);
        int length = eventLength(streamIdUtf8.length, entityTypeUtf8.length, nameUtf8.length, dataUtf8.length,
            metadataUtf8 == null ? -1 : metadataUtf8.length);
        byte[] keyAscii = key == null ? null : key.getBytes(StandardCharsets.US_ASCII);
        RecordEncoder encoder = new RecordEncoder();
        int encoded = encoder.encodeEvent(seq, version, ts, id.getMostSignificantBits(), id.getLeastSignificantBits(),
            batchRemaining, source, streamIdUtf8, entityTypeUtf8,
            new PreparedEvent(nameUtf8, dataUtf8, metadataUtf8, schemaVersion, length), keyAscii);
        assertThat(encoded).isEqualTo(length + (key == null ? 0 : 1 + key.length()));

        RecordDecoder decoder = new RecordDecoder();
        byte[] record = Arrays.copyOf(encoder.array(), encoded);
        assertThat(decoder.wrap(record, encoded)).isNull();
        assertThat(decoder.type()).isEqualTo(TYPE_EVENT);
        assertThat(decoder.batchRemaining()).isEqualTo(batchRemaining);
        assertThat(decoder.nameEquals(nameUtf8)).isTrue();
        assertThat(decoder.idempotencyKey()).isEqualTo(key);
        // strings come back as their UTF-8 reads (an unpaired surrogate is stored as '?': EventValidator refuses it)
        assertThat(decoder.toEvent()).isEqualTo(new RecordedEvent(seq, text(streamIdUtf8), text(entityTypeUtf8),
            version, text(nameUtf8), schemaVersion, id, ts, source, text(dataUtf8),
            metadataUtf8 == null ? null : text(metadataUtf8)));

        // any single flipped bit is caught by the checksum or the frame checks
        int bit = in.consumeInt(0, encoded * 8 - 1);
        record[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(decoder.wrap(record, encoded)).isNotNull();
    }

    /** Wraps {@code bytes}; if the decoder accepts them, reads every field as a scan or a reader would. */
    private static void decodeFully(byte[] bytes) {
        RecordDecoder decoder = new RecordDecoder();
        String problem = decoder.wrap(bytes, bytes.length);
        if (problem != null) {
            assertThat(problem).isNotBlank();
            return;
        }
        if (decoder.type() == TYPE_VOID) {
            decoder.voidFirstIndex();
            return;
        }
        assertThat(decoder.type()).isEqualTo(TYPE_EVENT);
        decoder.seq();
        decoder.version();
        decoder.ts();
        decoder.batchRemaining();
        decoder.schemaVersion();
        decoder.eventId();
        decoder.source();
        decoder.streamId();
        decoder.entityType();
        decoder.name();
        decoder.nameEquals(NEEDLE);
        decoder.data();
        decoder.metadata();
        decoder.dataUtf8((array, offset, length) -> { });
        decoder.metadataUtf8((array, offset, length) -> { });
        decoder.dataMayHold(NEEDLE);
        decoder.metadataMayHold(NEEDLE);
        decoder.idempotencyKey();
        RecordedEvent event = decoder.toEvent();
        assertThat(event.data()).isEqualTo(decoder.data());
    }

    /**
     * {@code bytes} framed as a record the checksum accepts: magic, layout version, an EVENT or VOID type (by the
     * low bit of byte 2), the true length and a correct CRC. With the low bit of byte 57 (the flags) set, the
     * metadata length is made to fill the rest of the record, so the field lengths add up more often, and the flags
     * are cleared (a record with flag bit 0 must hold an idempotency key after its metadata).
     */
    static byte[] reseal(byte[] bytes) {
        byte[] r = Arrays.copyOf(bytes, Math.max(bytes.length, LENGTH_OFFSET + 4) + CRC_LENGTH);
        ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN);
        boolean event = (r[TYPE_OFFSET] & 1) == 0;
        b.put(MAGIC_OFFSET, MAGIC).put(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION)
            .putShort(TYPE_OFFSET, event ? TYPE_EVENT : TYPE_VOID).putInt(LENGTH_OFFSET, r.length);
        if (event && r.length >= EVENT_HEADER_LENGTH + CRC_LENGTH && (r[FLAGS_OFFSET] & 1) != 0) {
            int fixed = EVENT_HEADER_LENGTH + (b.getShort(STREAM_ID_LENGTH_OFFSET) & 0xffff)
                + (b.getShort(ENTITY_TYPE_LENGTH_OFFSET) & 0xffff) + (b.getShort(NAME_LENGTH_OFFSET) & 0xffff)
                + b.getInt(DATA_LENGTH_OFFSET) + CRC_LENGTH;
            b.putInt(METADATA_LENGTH_OFFSET, r.length - fixed);
            r[FLAGS_OFFSET] = 0;
        }
        CRC32C crc = new CRC32C();
        crc.update(r, 0, crcOffset(r.length));
        b.putInt(crcOffset(r.length), (int) crc.getValue());
        return r;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
