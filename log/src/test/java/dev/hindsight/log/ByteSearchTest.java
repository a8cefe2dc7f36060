package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EventView#dataMayHold} and {@link EventView#metadataMayHold} answer exactly "the stored bytes contain the
 * needle or a backslash", whatever the needle's position relative to the eight-byte words the search reads.
 */
class ByteSearchTest {

    private static final String[] PIECES = {"a", "b", "c", "-", "1", "2", "\\\\", "\u00e9", "\\u0061", " "};

    @Test
    void theWordAtATimeSearchAgreesWithANaiveOne() {
        long seed = Long.getLong("hindsight.search.seed", System.nanoTime());
        Random random = new Random(seed);
        try (EventLog log = EventLog.open(LogConfig.builder().build())) {
            for (int round = 0; round < 300; round++) {
                String data = "{\"k\":\"" + text(random, 40) + "\"}";
                String metadata = random.nextBoolean() ? null : "{\"m\":\"" + text(random, 20) + "\"}";
                log.append("s", "t", List.of(new NewEvent("n", data, metadata, 1)), ExpectedVersion.any());
                long seq = log.headSeq();
                for (int probe = 0; probe < 20; probe++) {
                    String needle = random.nextInt(4) == 0 ? slice(data, random) : text(random, 3)
                        .replace("\\\\", "-").replace("\\u0061", "a");
                    byte[] utf8 = needle.getBytes(StandardCharsets.UTF_8);
                    boolean[] answers = new boolean[2];
                    log.visit(seq, seq, e -> {
                        answers[0] = e.dataMayHold(utf8);
                        answers[1] = e.metadataMayHold(utf8);
                        return true;
                    });
                    assertThat(answers[0]).as("seed=%d data=%s needle=%s", seed, data, needle)
                        .isEqualTo(naive(data, needle));
                    assertThat(answers[1]).as("seed=%d metadata=%s needle=%s", seed, metadata, needle)
                        .isEqualTo(metadata != null && naive(metadata, needle));
                }
            }
        }
    }

    private static boolean naive(String json, String needle) {
        return json.contains("\\") || json.contains(needle);
    }

    private static String text(Random random, int max) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            // mostly without escapes, so that the needle decides most answers
            String piece = PIECES[random.nextInt(PIECES.length)];
            sb.append(piece.contains("\\") && random.nextInt(8) != 0 ? "x" : piece);
        }
        return sb.toString();
    }

    private static String slice(String data, Random random) {
        int from = random.nextInt(data.length());
        return data.substring(from, Math.min(data.length(), from + 1 + random.nextInt(8)));
    }
}
