package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadAhead} hands out every row once, in batch order, whichever thread read each batch; a failure arrives in
 * its place; nothing is read more than {@link ReadAhead#AHEAD} batches past the consumer.
 */
class ReadAheadTest {

    /** Batches of seeded random sizes holding consecutive numbers; reading one does seeded random work. */
    private static final class Numbers implements ReadAhead.Batches<Long> {
        final long[] starts;
        final ReadCounts reads = new ReadCounts();
        final AtomicLong furthest = new AtomicLong(-1);
        final CountDownLatch readByWorker = new CountDownLatch(1);
        volatile long failAt = -1;

        Numbers(long seed, int batches) {
            SplittableRandom random = new SplittableRandom(seed);
            starts = new long[batches + 1];
            for (int i = 0; i < batches; i++) {
                starts[i + 1] = starts[i] + random.nextInt(0, 50);
            }
        }

        @Override
        public List<Long> read(long k) {
            reads.add(k);
            furthest.accumulateAndGet(k, Math::max);
            if (Thread.currentThread().getName().startsWith("hindsight-scan-")) {
                readByWorker.countDown();
            }
            if (k == failAt) {
                throw new IllegalStateException("damaged record in batch " + k);
            }
            if (k >= starts.length - 1) {
                return null;
            }
            // uneven work, so that workers finish batches out of order
            long spin = new SplittableRandom(k).nextLong(1, 20_000);
            long x = 0;
            for (long i = 0; i < spin; i++) {
                x += i * k;
            }
            List<Long> out = new ArrayList<>();
            for (long v = starts[(int) k]; v < starts[(int) k + 1]; v++) {
                out.add(v + (x == -1 ? 1 : 0));
            }
            return out;
        }

        long total() {
            return starts[starts.length - 1];
        }
    }

    /** The batches read, each once. */
    private static final class ReadCounts {
        final ConcurrentHashMap<Long, Integer> times = new ConcurrentHashMap<>();

        void add(long k) {
            times.merge(k, 1, Integer::sum);
        }
    }

    @Test
    void rowsComeInBatchOrderWhicheverThreadReadThem() {
        for (long seed = 1; seed <= 20; seed++) {
            for (int workers = 0; workers <= 3; workers++) {
                Numbers source = new Numbers(seed, 200);
                List<Long> rows = new ArrayList<>();
                try (ReadAhead<Long> e = new ReadAhead<>(source, workers)) {
                    while (e.moveNext()) {
                        rows.add(e.current());
                    }
                    assertThat(e.moveNext()).isFalse();
                }
                assertThat(rows).as("seed %d, %d workers", seed, workers).hasSize((int) source.total());
                for (int i = 0; i < rows.size(); i++) {
                    assertThat(rows.get(i)).isEqualTo(i);
                }
                // every batch read once; past the end at most once per claimant
                source.reads.times.forEach((k, n) -> {
                    if (k < 200) {
                        assertThat(n).as("batch %d", k).isEqualTo(1);
                    }
                });
            }
        }
    }

    @Test
    void workersReadAheadOfTheConsumerOnceItIsPastTheFirstBatch() throws Exception {
        // the shared pool (one thread per core: two in CI) may refuse a worker for a moment while a thread of an
        // earlier scan is returning to it (the consumer then reads inline, rightly): try again then, a few times
        for (int attempt = 1; attempt <= 5; attempt++) {
            if (workersReadAheadWhileTheConsumerWaits()) {
                return;
            }
        }
        throw new AssertionError("no worker ever read ahead in 5 attempts");
    }

    /** The scenario once; {@code false} if no worker read a batch (every row is still checked then). */
    private static boolean workersReadAheadWhileTheConsumerWaits() throws Exception {
        Numbers source = new Numbers(7, 100);
        boolean readAhead;
        try (ReadAhead<Long> e = new ReadAhead<>(source, 2)) {
            assertThat(source.starts[1]).as("the first batch has rows").isPositive();
            long count = 0;
            // the first batch is read on this thread (a LIMIT met within it never starts a worker)
            while (count < source.starts[1]) {
                assertThat(e.moveNext()).isTrue();
                count++;
            }
            assertThat(source.readByWorker.getCount()).isEqualTo(1);
            // taking the next batch starts the workers: they read ahead while this thread does nothing
            if (e.moveNext()) {
                count++;
            }
            readAhead = source.readByWorker.await(5, TimeUnit.SECONDS);
            while (e.moveNext()) {
                count++;
            }
            assertThat(count).isEqualTo(source.total());
        }
        return readAhead;
    }

    @Test
    void closingFromAnotherThreadEndsAConsumerWaitingForAWorker() throws Exception {
        // a worker must be free to take batch 2; the shared pool may refuse one for a moment while a thread of an
        // earlier scan is returning to it (the consumer then reads inline, rightly): try again then, a few times
        for (int attempt = 1; attempt <= 5; attempt++) {
            if (closeWhileTheConsumerWaitsForAWorker()) {
                return;
            }
        }
        throw new AssertionError("no worker ever took batch 2 in 5 attempts");
    }

    /** The scenario once; {@code false} if no worker took batch 2 (nothing asserted then). */
    private static boolean closeWhileTheConsumerWaitsForAWorker() throws Exception {
        CountDownLatch inBatchTwo = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ReadAhead.Batches<Long> source = k -> {
            if (k >= 5) {
                return null;
            }
            if (k == 2 && Thread.currentThread().getName().startsWith("hindsight-scan-")) {
                inBatchTwo.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of(k * 10, k * 10 + 1);
        };
        ReadAhead<Long> e = new ReadAhead<>(source, 1);
        List<Long> rows = new CopyOnWriteArrayList<>();
        CountDownLatch givenUp = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            while (e.moveNext()) {
                rows.add(e.current());
                if (e.current() == 10) {
                    try {
                        // a worker holds batch 2: this thread will wait for it
                        while (!inBatchTwo.await(10, TimeUnit.MILLISECONDS) && givenUp.getCount() > 0) {
                            // waits on: either a worker took batch 2, or the attempt is given up
                        }
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        consumer.start();
        if (!inBatchTwo.await(10, TimeUnit.SECONDS)) {
            givenUp.countDown();
            release.countDown(); // a worker that takes batch 2 late must not hold its pool thread
            e.close();
            consumer.join(10_000);
            return false;
        }
        e.close(); // as Statement.close() of a running query does, from its own thread
        consumer.join(10_000);
        assertThat(consumer.isAlive()).as("the consumer is not left waiting for batch 2").isFalse();
        release.countDown();
        assertThat(rows).startsWith(0L, 1L, 10L).doesNotContain(20L);
        return true;
    }

    @Test
    void withoutWorkersTheConsumerReadsEveryBatchItself() {
        Numbers source = new Numbers(3, 50);
        Thread me = Thread.currentThread();
        List<Thread> readers = new ArrayList<>();
        ReadAhead.Batches<Long> recording = k -> {
            synchronized (readers) {
                readers.add(Thread.currentThread());
            }
            return source.read(k);
        };
        try (ReadAhead<Long> e = new ReadAhead<>(recording, 0)) {
            while (e.moveNext()) {
                e.current();
            }
        }
        assertThat(readers).hasSize(51).containsOnly(me);
    }

    @Test
    void aFailureIsThrownAfterTheRowsReadBeforeIt() {
        for (int workers = 0; workers <= 2; workers++) {
            Numbers source = new Numbers(11, 100);
            source.failAt = 37;
            List<Long> rows = new ArrayList<>();
            try (ReadAhead<Long> e = new ReadAhead<>(source, workers)) {
                assertThatThrownBy(() -> {
                    while (e.moveNext()) {
                        rows.add(e.current());
                    }
                }).isInstanceOf(IllegalStateException.class).hasMessage("damaged record in batch 37");
                assertThat(e.moveNext()).isFalse();
            }
            assertThat(rows).hasSize((int) source.starts[37]);
        }
    }

    @Test
    void nothingIsReadMoreThanAheadBatchesPastTheConsumer() {
        Numbers source = new Numbers(5, 10_000);
        int batchesTaken = 0;
        try (ReadAhead<Long> e = new ReadAhead<>(source, 2)) {
            long seen = 0;
            while (batchesTaken < 3 && e.moveNext()) {
                long v = e.current();
                while (source.starts[batchesTaken + 1] <= v) {
                    batchesTaken++;
                }
                seen++;
            }
            assertThat(seen).isPositive();
        }
        // closed after taking batches 0..batchesTaken: no batch at or past taken + AHEAD was ever claimed
        assertThat(source.furthest.get()).isLessThan(batchesTaken + 1 + ReadAhead.AHEAD);
        assertThat(source.reads.times.keySet()).allMatch(k -> k < 10_000);
    }

    /** A source of large batches says so ({@code window}): nothing is read more than that many past the consumer. */
    @Test
    void aSourceOfLargeBatchesIsReadNoFurtherAheadThanItsWindow() {
        Numbers numbers = new Numbers(7, 10_000);
        ReadAhead.Batches<Long> large = new ReadAhead.Batches<>() {
            @Override
            public List<Long> read(long k) {
                return numbers.read(k);
            }

            @Override
            public int window() {
                return 1;
            }
        };
        int batchesTaken = 0;
        try (ReadAhead<Long> e = new ReadAhead<>(large, 2)) {
            while (batchesTaken < 50 && e.moveNext()) {
                long v = e.current();
                while (numbers.starts[batchesTaken + 1] <= v) {
                    batchesTaken++;
                }
                assertThat(numbers.furthest.get()).as("read past batch %d", batchesTaken)
                    .isLessThanOrEqualTo(batchesTaken + 1L);
            }
        }
        assertThat(batchesTaken).isEqualTo(50);
    }
}
