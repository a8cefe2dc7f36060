package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Invariants of the log over random appends to random streams (jqwik prints the seed of a failing case; rerun it
 * with {@code @Property(seed = "...")}).
 */
class LogPropertiesTest {

    /** One random append: stream, batch of payloads, and a clock step (may be negative: the wall clock steps back). */
    record Op(String stream, List<String> payloads, long clockStepMs) {
    }

    private EventLog log;
    private final AtomicLong wallClock = new AtomicLong(1_700_000_000_000L);

    @BeforeProperty
    void open() {
        log = EventLog.open(LogConfig.builder().wallClockMillis(wallClock::get).build());
    }

    @AfterProperty
    void close() {
        log.close();
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<String> streams = Arbitraries.integers().between(0, 7).map(i -> "stream-" + i);
        Arbitrary<String> payloads = Arbitraries.strings().withCharRange('a', 'z').withChars('é', '"', '\\', '✓')
            .ofMaxLength(40).map(s -> "{\"v\":\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        Arbitrary<Op> op = Combinators.combine(streams, payloads.list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.longs().between(-5, 20)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void versionsAreGaplessAndReadBackEqualsWritten(@ForAll("ops") List<Op> ops) {
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

    @Property(tries = 60)
    void timestampsNeverDecreaseAndSeqAtOrBeforeIsTheLastEventAtOrBeforeT(@ForAll("ops") List<Op> ops) {
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
