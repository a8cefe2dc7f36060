package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Waiting for one stream: an append to the stream wakes its waiters at once (their timeout is an hour here), an
 * append to another stream does not wake them, and closing the log ends every wait, even one that begins after.
 */
class HeadSignalTest {

    private final AtomicLong head = new AtomicLong();
    private final HeadSignal signal = new HeadSignal(head::get);

    @Test
    void anAppendToItsStreamWakesAStreamWaiterAndOneToAnotherStreamDoesNot() throws Exception {
        AtomicLong lastOfA = new AtomicLong(3);
        AtomicInteger looks = new AtomicInteger();
        CompletableFuture<Boolean> grew = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                grew.complete(signal.awaitStream("a", () -> {
                    looks.incrementAndGet();
                    return lastOfA.get();
                }, 3, TimeUnit.HOURS.toMillis(1)));
            } catch (InterruptedException e) {
                grew.completeExceptionally(e);
            }
        });
        waiter.start();
        waitUntilWaiting(waiter);
        int looksWhileWaiting = looks.get();

        head.set(4);
        signal.signal(appendTo("b"));
        head.set(5);
        lastOfA.set(5);
        signal.signal(appendTo("a"));

        assertThat(grew.get(10, TimeUnit.SECONDS)).isTrue();
        // woken once, by its own stream: one more look at it (the append to b woke it too: two)
        assertThat(looks.get()).isEqualTo(looksWhileWaiting + 1);
    }

    @Test
    void closingEndsAStreamWaitAndOneThatBeginsAfter() throws Exception {
        CompletableFuture<Boolean> grew = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                grew.complete(signal.awaitStream("a", () -> 0, 0, TimeUnit.HOURS.toMillis(1)));
            } catch (InterruptedException e) {
                grew.completeExceptionally(e);
            }
        });
        waiter.start();
        waitUntilWaiting(waiter);

        signal.wakeAll();

        assertThat(grew.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(signal.awaitStream("a", () -> 0, 0, TimeUnit.HOURS.toMillis(1))).isFalse();
        assertThat(signal.await(1, TimeUnit.HOURS.toMillis(1))).isFalse();
    }

    /** Until {@code t} is parked in its wait (its state, not a sleep: the test's order depends on it). */
    private static void waitUntilWaiting(Thread t) {
        while (t.getState() != Thread.State.TIMED_WAITING) {
            assertThat(t.isAlive()).as("the waiter ended before it waited").isTrue();
            Thread.onSpinWait();
        }
    }

    private static PreparedAppend[] appendTo(String stream) {
        byte[] sid = stream.getBytes(StandardCharsets.UTF_8);
        return new PreparedAppend[] {new PreparedAppend(stream, sid, "t", new byte[] {'t'}, List.of(),
            ExpectedVersion.any(), null)};
    }
}
