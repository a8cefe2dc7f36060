package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A subscription holds what it has read while its subscriber takes it, and a subscriber that stopped reading (an SSE
 * client whose socket is full) keeps it so for seconds: given a log of large events, when the subscriber stops at the
 * first of them, then the subscription holds about a megabyte of them, not a batch of 512 (half a gigabyte of 1 MiB
 * events per subscriber: a dozen ran a server out of heap).
 */
class SubscriptionMemoryTest {

    private static final int EVENTS = 128;
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"the log", "a stream"})
    void givenLargeEvents_whenTheSubscriberStopsAtTheFirst_thenTheSubscriptionHoldsAboutAMegabyteOfThem(String of)
            throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            String data = "{\"pad\":\"" + "x".repeat(1_000_000) + "\"}";
            for (int i = 0; i < EVENTS; i++) {
                log.append("big", "blob", List.of(NewEvent.of("blob.put", data)), ExpectedVersion.any());
            }
            long before = liveHeap();
            CountDownLatch first = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Consumer<RecordedEvent> stopped = e -> {
                first.countDown();
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            };
            Subscription s = of.equals("the log") ? log.subscribe(1, stopped, e -> { })
                : log.subscribeStream("big", 1, stopped, e -> { });
            try {
                assertThat(first.await(30, TimeUnit.SECONDS)).as("the first event delivered").isTrue();

                long held = liveHeap() - before;

                assertThat(held).as("bytes held while the subscriber stops (%d events of 1 MB were read)", EVENTS)
                    .isLessThan(16 * MIB);
            } finally {
                release.countDown();
                s.close();
            }
        }
    }

    /** What the heap holds after collections: a full collection in G1 ({@code System.gc()}). */
    private static long liveHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
