package dev.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A group's history ({@link GroupHistory}) against a plain list of (seq, state): across the first chunk's growth and
 * many later chunks, with states that pack and states that do not, replaced at the same seq, the state as of every
 * bound is the list's; and a reader racing the writer only ever sees what the list held at its bound.
 */
class GroupHistoryTest {

    /** Packs a {@code Long} state into one long; refuses anything else (kept as the object) and the odd values. */
    private static final Fold.StatePacking EVEN_LONGS = new Fold.StatePacking() {
        @Override
        public int width() {
            return 1;
        }

        @Override
        public boolean pack(Object state, long[] into, int at) {
            if (state instanceof Long l && l % 2 == 0) {
                into[at] = l;
                return true;
            }
            return false;
        }

        @Override
        public Object unpack(long[] from, int at) {
            return from[at];
        }
    };

    private record Entry(long seq, Object state) {
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 20)
    void everyBoundAnswersTheLastStateAtOrBeforeItAsAListWould(long seed) {
        Random random = new Random(seed);
        boolean packed = random.nextBoolean();
        GroupHistory history = new GroupHistory(1 + random.nextInt(4), packed ? EVEN_LONGS : null);
        List<Entry> model = new ArrayList<>();
        int puts = random.nextInt(4) == 0 ? random.nextInt(20) : random.nextInt(5 * GroupHistory.CHUNK);
        long seq = 0;
        for (int i = 0; i < puts; i++) {
            boolean again = !model.isEmpty() && random.nextInt(10) == 0;
            seq = again ? seq : seq + 1 + random.nextInt(3);
            Object state = random.nextInt(5) == 0 ? "s" + i : (Object) (long) random.nextInt(1000);
            history.put(seq, state);
            if (again) {
                model.set(model.size() - 1, new Entry(seq, state));
            } else {
                model.add(new Entry(seq, state));
            }
        }
        assertThat(history.size()).as("seed=%d", seed).isEqualTo(model.size());
        assertThat(history.latestSeq()).isEqualTo(model.isEmpty() ? 0 : model.get(model.size() - 1).seq());
        assertThat(history.latest()).isEqualTo(model.isEmpty() ? null : model.get(model.size() - 1).state());
        int next = 0; // the first entry above the bound
        for (long bound = 0; bound <= seq + 1; bound++) {
            while (next < model.size() && model.get(next).seq() <= bound) {
                next++;
            }
            Object expected = next == 0 ? null : model.get(next - 1).state();
            assertThat(history.stateAt(bound)).as("seed=%d bound=%d", seed, bound).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 3)
    void aReaderRacingTheWriterSeesTheStateOfItsBound(long seed) throws InterruptedException {
        Random random = new Random(seed);
        GroupHistory history = new GroupHistory(2, EVEN_LONGS);
        int puts = 20 * GroupHistory.CHUNK;
        // the state put at seq n is 2n (packs) or, every seventh, the string "n" (does not): a bound names its answer
        AtomicLong position = new AtomicLong();
        AtomicReference<String> wrong = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            Random r = new Random(seed + 1);
            started.countDown();
            while (position.get() < puts && wrong.get() == null) {
                reads.incrementAndGet();
                long bound = position.get();
                long at = bound == 0 ? 0 : 1 + r.nextLong(bound);
                Object state = history.stateAt(at);
                Object expected = at == 0 ? null : at % 7 == 0 ? "s" + at : (Object) (2 * at);
                if (!Objects.equals(state, expected)) {
                    wrong.set("at " + at + " (position " + bound + "): " + state + ", expected " + expected);
                }
            }
        });
        reader.start();
        started.await();
        for (long n = 1; n <= puts; n++) {
            history.put(n, n % 7 == 0 ? "s" + n : (Object) (2 * n));
            if (random.nextInt(16) == 0 || n == puts) {
                position.set(n); // published as the runner publishes a batch
                long before = reads.get();
                while (n < puts && reads.get() == before && wrong.get() == null) {
                    Thread.onSpinWait(); // the reader reads at least once per published position: a real interleaving
                }
            }
        }
        reader.join();
        assertThat(wrong.get()).as("seed=%d", seed).isNull();
        assertThat(reads.get()).as("the reader read while the writer wrote").isPositive();
    }
}
