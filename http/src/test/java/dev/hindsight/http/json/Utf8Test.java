package dev.hindsight.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void acceptsEveryBoundaryCodePointOfEachSequenceLength() {
        int[] codePoints = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF};
        for (int cp : codePoints) {
            byte[] b = ("abcdefghij" + new String(Character.toChars(cp)) + "klmnopq").getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.invalidAt(b, 0, b.length)).as("U+%04X", cp).isEqualTo(-1);
        }
    }

    @Test
    void findsTheFirstIllFormedSequenceOnlyWithinTheSpan() {
        byte[] b = {'a', 'b', (byte) 0xC0, (byte) 0x80, 'c', (byte) 0xED, (byte) 0xA0, (byte) 0x80};

        assertThat(Utf8.invalidAt(b, 0, b.length)).isEqualTo(2);
        assertThat(Utf8.invalidAt(b, 4, b.length)).isEqualTo(5);
        assertThat(Utf8.invalidAt(b, 0, 2)).isEqualTo(-1);
        // a sequence cut by the end of the span is truncated, even if the bytes after it would complete it
        byte[] euro = "x€".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.invalidAt(euro, 0, euro.length - 1)).isEqualTo(1);
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() {
        long seed = Long.getLong("hindsight.utf8.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int n = 0; n < 100_000; n++) {
            byte[] b = new byte[1 + random.nextInt(24)];
            for (int i = 0; i < b.length; i++) {
                // mostly ASCII, as in JSON, with lead and continuation bytes of every kind
                b[i] = (byte) (random.nextInt(4) == 0 ? 0x80 + random.nextInt(128) : random.nextInt(128));
            }
            assertThat(Utf8.invalidAt(b, 0, b.length) < 0).as("seed=%d bytes=%s", seed, hex(b))
                .isEqualTo(strictlyDecodes(b));
        }
    }

    @Test
    void describesEachKindOfProblemWithItsBytes() {
        assertThat(problem(0xC0, 0x80)).isEqualTo("overlong encoding C0 80");
        assertThat(problem(0xE0, 0x9F, 0xBF)).isEqualTo("overlong encoding E0 9F BF");
        assertThat(problem(0xF0, 0x8F, 0xBF, 0xBF)).isEqualTo("overlong encoding F0 8F BF BF");
        assertThat(problem(0xED, 0xA0, 0x80)).isEqualTo("encoded surrogate ED A0 80");
        assertThat(problem(0xF4, 0x90, 0x80, 0x80)).isEqualTo("above U+10FFFF F4 90 80 80");
        assertThat(problem(0xE2, 0x82, 'x')).isEqualTo("truncated sequence E2 82");
        assertThat(problem(0xBF)).isEqualTo("unexpected continuation byte BF");
        assertThat(problem(0xFE)).isEqualTo("invalid byte FE");
    }

    private static String problem(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        assertThat(Utf8.invalidAt(b, 0, b.length)).isZero();
        return Utf8.problemAt(b, 0, b.length);
    }

    private static boolean strictlyDecodes(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02X ", x & 0xff));
        }
        return sb.toString().trim();
    }
}
