package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stream reads, global reads, stream info, the time index and live subscriptions. */
class ReadsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private EventLog log;

    @BeforeEach
    void open() {
        log = EventLog.open(LogConfig.builder().wallClockMillis(clock::get).build());
        // seq 1..10 alternate between two streams; ts = 1_000_000 + 10 * seq
        for (int i = 1; i <= 10; i++) {
            clock.set(1_000_000 + 10L * i);
            log.append(i % 2 == 1 ? "odd" : "even", "num", List.of(new NewEvent(i % 3 == 0 ? "num.tripled" : "num.seen",
                "{\"i\":" + i + "}", i == 4 ? "{\"traceId\":\"t-4\"}" : null, 2)), ExpectedVersion.any(),
                i == 5 ? Source.IMPORT : Source.API);
        }
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void readsAStreamForwardFromAVersionWithALimit() {
        assertThat(log.readStream("odd", 2, Direction.FORWARD, 2)).extracting(RecordedEvent::data)
            .containsExactly("{\"i\":3}", "{\"i\":5}");
    }

    @Test
    void readsAStreamBackwardFromTheEnd() {
        assertThat(log.readStream("even", Long.MAX_VALUE, Direction.BACKWARD, 3)).extracting(RecordedEvent::version)
            .containsExactly(5L, 4L, 3L);
        assertThat(log.readStream("even", 2, Direction.BACKWARD, 10)).extracting(RecordedEvent::version)
            .containsExactly(2L, 1L);
    }

    /**
     * A stream's events within a seq range are found through the stream index: only they are visited (a range of a
     * long stream was read from its first event), forward or backward, none for a range holding none of them.
     */
    @Test
    void visitsOnlyTheStreamsEventsWithinASeqRange() {
        assertThat(within("odd", 4, 8, Direction.FORWARD)).containsExactly(5L, 7L);
        assertThat(within("odd", 5, 7, Direction.BACKWARD)).containsExactly(7L, 5L);
        assertThat(within("even", 1, 2, Direction.FORWARD)).containsExactly(2L);
        assertThat(within("even", Long.MIN_VALUE, Long.MAX_VALUE, Direction.BACKWARD))
            .containsExactly(10L, 8L, 6L, 4L, 2L);
        assertThat(within("odd", 10, 20, Direction.FORWARD)).isEmpty();
        assertThat(within("odd", 4, 4, Direction.FORWARD)).isEmpty();
        assertThat(within("odd", 8, 2, Direction.FORWARD)).isEmpty();
        assertThat(within("nope", 1, 10, Direction.FORWARD)).isEmpty();
    }

    /** The seqs {@code visitStreamWithin} visits, every one of them (the count it returns says the same). */
    private List<Long> within(String stream, long lo, long hi, Direction direction) {
        List<Long> seqs = new ArrayList<>();
        int visited = log.visitStreamWithin(stream, lo, hi, direction, e -> seqs.add(e.seq()));
        assertThat(visited).isEqualTo(seqs.size());
        return seqs;
    }

    @Test
    void unknownStreamsAndVersionsPastTheEndReadNothing() {
        assertThat(log.readStream("nope", 1, Direction.FORWARD, 10)).isEmpty();
        assertThat(log.readStream("odd", 6, Direction.FORWARD, 10)).isEmpty();
        assertThat(log.streamInfo("nope")).isEmpty();
    }

    @Test
    void recordedEventsCarryEveryColumn() {
        RecordedEvent e = log.readAll(4, 1, null).get(0);
        assertThat(e.seq()).isEqualTo(4);
        assertThat(e.streamId()).isEqualTo("even");
        assertThat(e.entityType()).isEqualTo("num");
        assertThat(e.version()).isEqualTo(2);
        assertThat(e.name()).isEqualTo("num.seen");
        assertThat(e.schemaVersion()).isEqualTo(2);
        assertThat(e.eventId().version()).isEqualTo(7);
        assertThat(e.ts()).isEqualTo(1_000_040);
        assertThat(e.source()).isEqualTo(Source.API);
        assertThat(e.metadata()).isEqualTo("{\"traceId\":\"t-4\"}");
        assertThat(log.readAll(5, 1, null).get(0).source()).isEqualTo(Source.IMPORT);
    }

    @Test
    void readsTheGlobalLogFromASeqFilteredByName() {
        assertThat(log.readAll(1, 100, "num.tripled")).extracting(RecordedEvent::seq).containsExactly(3L, 6L, 9L);
        assertThat(log.readAll(4, 1, "num.tripled")).extracting(RecordedEvent::seq).containsExactly(6L);
        assertThat(log.readAll(8, 100, null)).extracting(RecordedEvent::seq).containsExactly(8L, 9L, 10L);
        assertThat(log.readAll(11, 100, null)).isEmpty();
    }

    @Test
    void visitHandsOutEventsWhoseFieldsDecodeOnDemandAndStopsWhenAsked() {
        List<RecordedEvent> seen = new ArrayList<>();
        List<String> data = new ArrayList<>();
        log.visit(3, 8, e -> {
            seen.add(e.toEvent());
            data.add(e.data() + "|" + e.metadata() + "|" + e.streamId() + "|" + e.version());
            return e.seq() < 6;
        });
        assertThat(seen).isEqualTo(log.readAll(3, 4, null));
        assertThat(data).containsExactly("{\"i\":3}|null|odd|2", "{\"i\":4}|{\"traceId\":\"t-4\"}|even|2",
            "{\"i\":5}|null|odd|3", "{\"i\":6}|null|even|3");
    }

    @Test
    void streamInfoDescribesTheStream() {
        assertThat(log.streamInfo("odd")).contains(new StreamInfo("odd", "num", 5, 1, 9, 1_000_010, 1_000_090));
        assertThat(log.streams()).extracting(StreamInfo::streamId).containsExactly("odd", "even");
    }

    @Test
    void streamsAsOfASeqAreDerivedFromThePrefix() {
        assertThat(log.streams(0)).isEmpty();
        assertThat(log.streams(1)).containsExactly(new StreamInfo("odd", "num", 1, 1, 1, 1_000_010, 1_000_010));
        assertThat(log.streams(6)).containsExactly(new StreamInfo("odd", "num", 3, 1, 5, 1_000_010, 1_000_050),
            new StreamInfo("even", "num", 3, 2, 6, 1_000_020, 1_000_060));
        assertThat(log.streams(100)).isEqualTo(log.streams());
    }

    @Test
    void seqAtOrBeforeFindsTheLastEventAtOrBeforeATime() {
        assertThat(log.seqAtOrBefore(999_999)).isZero();
        assertThat(log.seqAtOrBefore(1_000_010)).isEqualTo(1);
        assertThat(log.seqAtOrBefore(1_000_055)).isEqualTo(5);
        assertThat(log.seqAtOrBefore(Long.MAX_VALUE)).isEqualTo(10);
    }

    @Test
    void subscriptionReplaysHistoryThenGoesLive() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        CountDownLatch twelve = new CountDownLatch(5);
        Subscription s = log.subscribe(8, e -> {
            seen.add(e.seq());
            twelve.countDown();
        });
        log.append("odd", "num", List.of(NewEvent.of("num.seen", "{}")), ExpectedVersion.any());
        log.append("even", "num", List.of(NewEvent.of("num.seen", "{}")), ExpectedVersion.any());
        assertThat(twelve.await(10, TimeUnit.SECONDS)).isTrue();
        s.close(); // joins the subscription thread, so its position is final
        assertThat(seen).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(s.position()).isEqualTo(12);
        assertThat(s.failure()).isNull();
    }

    /**
     * It waited for ever at the head, its subscriber unable to tell a closed log from a quiet one; a stream's
     * subscription at its stream's end, as well.
     */
    @ParameterizedTest
    @ValueSource(strings = {"the log", "a stream"})
    void aSubscriptionAtItsEndEndsWhenTheLogClosesTellingItsSubscriberWhy(String of) throws Exception {
        CompletableFuture<Throwable> told = new CompletableFuture<>();
        Subscription s = of.equals("the log") ? log.subscribe(1, e -> { }, told::complete)
            : log.subscribeStream("odd", 1, e -> { }, told::complete);
        long end = of.equals("the log") ? 10 : 9; // the head, or the last event of "odd"
        while (s.position() < end) {
            Thread.onSpinWait(); // history delivered: the subscription waits for more
        }

        log.close();

        assertThat(told.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
            .hasMessage("the event log is closed");
        assertThat(s.failure()).isSameAs(told.get());
        s.close();
    }

    /**
     * A stream's subscription delivers that stream's events from its seq on, history then live, and none of another
     * stream's: it reads its stream's events through the stream index, and only an append to its stream wakes it.
     */
    @Test
    void aStreamSubscriptionDeliversItsStreamsEventsOnlyHistoryThenLive() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        CountDownLatch five = new CountDownLatch(5);
        Subscription s = log.subscribeStream("odd", 4, e -> {
            seen.add(e.seq());
            five.countDown();
        }, failure -> { });
        append("even"); // 11
        append("odd"); // 12
        append("other"); // 13
        append("odd"); // 14
        assertThat(five.await(10, TimeUnit.SECONDS)).isTrue();
        s.close();
        assertThat(seen).containsExactly(5L, 7L, 9L, 12L, 14L);
        assertThat(s.position()).isEqualTo(14);
        assertThat(s.failure()).isNull();
    }

    @Test
    void aStreamSubscriptionToAStreamNotYetWrittenWakesWithItsFirstEvent() throws Exception {
        BlockingQueue<RecordedEvent> seen = new LinkedBlockingQueue<>();
        Subscription s = log.subscribeStream("later", 1, seen::add, failure -> { });
        append("odd");
        append("later");
        RecordedEvent first = seen.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.seq()).isEqualTo(12);
        assertThat(first.version()).isEqualTo(1);
        s.close();
        assertThat(seen).isEmpty();
    }

    /**
     * Appenders race over four streams, one subscriber on each (two from the start, two from the middle of their
     * stream): each gets its stream's events, every version once, in order, and nothing else.
     */
    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 5)
    void streamSubscribersRacingAppendersGetTheirStreamsEventsInOrderEachOnce(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> streams = List.of("s0", "s1", "s2", "s3");
        Map<String, BlockingQueue<RecordedEvent>> seen = new HashMap<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (String stream : streams) {
            seen.put(stream, new LinkedBlockingQueue<>());
        }
        subscriptions.add(log.subscribeStream("s0", 1, seen.get("s0")::add, failure -> { }));
        subscriptions.add(log.subscribeStream("s1", 1, seen.get("s1")::add, failure -> { }));
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long threadSeed = random.nextLong();
            appenders.add(new Thread(() -> {
                Random r = new Random(threadSeed);
                for (int i = 0; i < 500; i++) {
                    append(streams.get(r.nextInt(streams.size())));
                }
            }));
        }
        appenders.forEach(Thread::start);
        while (log.headSeq() < 1_000) {
            Thread.onSpinWait(); // the middle: the other two subscribe from the head as it is now
        }
        long middle = log.headSeq() + 1;
        subscriptions.add(log.subscribeStream("s2", middle, seen.get("s2")::add, failure -> { }));
        subscriptions.add(log.subscribeStream("s3", middle, seen.get("s3")::add, failure -> { }));
        for (Thread appender : appenders) {
            appender.join();
        }
        for (String stream : streams) {
            List<RecordedEvent> expected = log.readStream(stream, 1, Direction.FORWARD, 10_000).stream()
                .filter(e -> stream.equals("s0") || stream.equals("s1") || e.seq() >= middle).toList();
            for (RecordedEvent e : expected) {
                RecordedEvent got = seen.get(stream).poll(10, TimeUnit.SECONDS);
                assertThat(got).as("seed %d, %s version %d", seed, stream, e.version()).isNotNull();
                assertThat(got.seq()).as("seed %d, %s", seed, stream).isEqualTo(e.seq());
            }
        }
        subscriptions.forEach(Subscription::close);
        for (String stream : streams) {
            assertThat(seen.get(stream)).as("seed %d, nothing more for %s", seed, stream).isEmpty();
        }
    }

    private void append(String stream) {
        log.append(stream, "num", List.of(NewEvent.of("num.seen", "{}")), ExpectedVersion.any());
    }

    @Test
    void aListenerThatThrowsStopsItsSubscriptionAndItsSubscriberIsTold() throws Exception {
        CompletableFuture<Throwable> told = new CompletableFuture<>();
        RuntimeException thrown = new IllegalArgumentException("listener fault");
        Subscription s = log.subscribe(3, e -> {
            throw thrown;
        }, told::complete);

        assertThat(told.get(10, TimeUnit.SECONDS)).isSameAs(thrown);
        assertThat(s.position()).isEqualTo(2);
        s.close();
    }

    @Test
    void awaitSeqWakesWhenAnotherThreadAppends() throws Exception {
        Thread appender = new Thread(() -> log.append("odd", "num", List.of(NewEvent.of("num.seen", "{}")),
            ExpectedVersion.any()));
        appender.start();
        assertThat(log.awaitSeq(11, 10_000)).isTrue();
        appender.join();
        assertThat(log.awaitSeq(12, 50)).isFalse();
    }
}
