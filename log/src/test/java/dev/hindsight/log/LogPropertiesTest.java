package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Invariants of the log over random appends to random streams, one fresh log per seed (a failing run is named by
 * its seed; {@code -Dhindsight.seed=N} reruns it).
 */
class LogPropertiesTest {

    /** One random append: stream, batch of payloads, and a clock step (may be negative: the wall clock steps back). */
    record Op(String stream, List<String> payloads, long clockStepMs) {
    }

    private EventLog log;
    private final AtomicLong wallClock = new AtomicLong(1_700_000_000_000L);

    @BeforeEach
    void open() {
        log = EventLog.open(LogConfig.builder().wallClockMillis(wallClock::get).build());
    }

    @AfterEach
    void close() {
        log.close();
    }

    /** 1–40 appends to 8 streams, each 1–4 small JSON payloads (with escapes and non-ASCII), the clock stepping. */
    static List<Op> ops(long seed) {
        Random random = new Random(seed);
        String chars = "abcdefghijklmnopqrstuvwxyzé\"\\✓";
        List<Op> ops = new ArrayList<>();
        for (int n = 1 + random.nextInt(40); ops.size() < n; ) {
            List<String> payloads = new ArrayList<>();
            for (int p = 1 + random.nextInt(4); payloads.size() < p; ) {
                StringBuilder text = new StringBuilder();
                for (int c = random.nextInt(41); c > 0; c--) {
                    text.append(chars.charAt(random.nextInt(chars.length())));
                }
                payloads.add("{\"v\":\"" + text.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            }
            ops.add(new Op("stream-" + random.nextInt(8), payloads, -5 + random.nextInt(26)));
        }
        return ops;
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 60)
    void versionsAreGaplessAndReadBackEqualsWritten(long seed) {
        List<Op> ops = ops(seed);
        long base = log.headSeq();
        Map<String, List<String>> written = new HashMap<>();
        List<String> globalOrder = new ArrayList<>();
        for (Op op : ops) {
            wallClock.addAndGet(op.clockStepMs());
            List<NewEvent> batch = op.payloads().stream().map(p -> NewEvent.of("thing.happened", p)).toList();
            long before = log.streamInfo(op.stream()).map(StreamInfo::version).orElse(0L);
            AppendResult r = log.append(op.stream(), "thing", batch, ExpectedVersion.of(before));
            for (int i = 0; i < batch.size(); i++) {
                assertThat(r.events().get(i).version()).isEqualTo(before + 1 + i);
            }
            written.computeIfAbsent(op.stream(), k -> new ArrayList<>()).addAll(op.payloads());
            globalOrder.addAll(op.payloads());
        }

        List<RecordedEvent> all = log.readAll(base + 1, Integer.MAX_VALUE, null);
        assertThat(all).extracting(RecordedEvent::data).containsExactlyElementsOf(globalOrder);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).seq()).isEqualTo(base + 1 + i);
        }
        for (var entry : written.entrySet()) {
            List<RecordedEvent> stream = log.readStream(entry.getKey(), 1, Direction.FORWARD, Integer.MAX_VALUE);
            for (int i = 0; i < stream.size(); i++) {
                assertThat(stream.get(i).version()).isEqualTo(i + 1);
            }
            List<String> tail = stream.subList(stream.size() - entry.getValue().size(), stream.size()).stream()
                .map(RecordedEvent::data).toList();
            assertThat(tail).containsExactlyElementsOf(entry.getValue());
            List<RecordedEvent> backward = log.readStream(entry.getKey(), Long.MAX_VALUE, Direction.BACKWARD,
                Integer.MAX_VALUE);
            assertThat(backward).extracting(RecordedEvent::seq)
                .containsExactlyElementsOf(stream.stream().map(RecordedEvent::seq).sorted((a, b) -> Long.compare(b, a))
                    .toList());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 60)
    void timestampsNeverDecreaseAndSeqAtOrBeforeIsTheLastEventAtOrBeforeT(long seed) {
        List<Op> ops = ops(seed);
        for (Op op : ops) {
            wallClock.addAndGet(op.clockStepMs());
            log.append(op.stream(), "thing", op.payloads().stream().map(p -> NewEvent.of("thing.happened", p))
                .toList(), ExpectedVersion.any());
        }
        List<RecordedEvent> all = log.readAll(1, Integer.MAX_VALUE, null);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).ts()).isGreaterThanOrEqualTo(all.get(i - 1).ts());
        }
        long first = all.get(0).ts();
        long last = all.get(all.size() - 1).ts();
        for (long t = first - 2; t <= last + 2; t++) {
            long expected = 0;
            for (RecordedEvent e : all) {
                if (e.ts() <= t) {
                    expected = e.seq();
                }
            }
            assertThat(log.seqAtOrBefore(t)).as("seqAtOrBefore(%d)", t).isEqualTo(expected);
        }
    }
}
