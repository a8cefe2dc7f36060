package dev.hindsight.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Lets readers wait for the log head to move (subscriptions, read-your-writes), or for one stream to grow, without
 * costing appends anything while nobody waits: an append only enters a monitor if its waiter count is non-zero.
 *
 * <p>A stream's waiters wait on a monitor of that stream's: an append wakes the waiters of the streams it wrote,
 * not all of them. Each stream subscription once waited for the head, so every append woke every one of them to
 * read the event and drop it: 2,000 idle stream subscribers took one-at-a-time appends from 2,800/s to 314/s.
 */
final class HeadSignal {

    private final Object monitor = new Object();
    private final LongSupplier head;
    private volatile int waiters;
    /** Set by {@link #wakeAll}: every wait ends, and none starts (one begun just after the wake-up would sleep). */
    private volatile boolean closed;
    /** The monitors of the streams someone waits on, each with its number of waiters (its entry goes with the last). */
    private final Map<String, StreamWaiters> streams = new ConcurrentHashMap<>();
    private final AtomicInteger streamWaiters = new AtomicInteger();

    HeadSignal(LongSupplier head) {
        this.head = head;
    }

    /** Called after the head moved. */
    void signal() {
        // a waiter raises 'waiters' before it reads the head, so either it sees the new head or we see it waiting
        if (waiters > 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /** Called after the head moved over an append to {@code parts}' streams. */
    void signal(PreparedAppend[] parts) {
        signal();
        // as above: a stream's waiter is counted (and its monitor in the map) before it reads the stream
        if (streamWaiters.get() > 0) {
            for (PreparedAppend p : parts) {
                StreamWaiters w = streams.get(p.streamId());
                if (w != null) {
                    synchronized (w) {
                        w.notifyAll();
                    }
                }
            }
        }
    }

    /**
     * Waits until {@code lastSeq} (the seq of the stream's last visible event, 0 for none) is beyond {@code afterSeq},
     * or {@code timeoutMillis} passes, or the log closes ({@link #wakeAll}).
     *
     * @return whether the stream has grown beyond {@code afterSeq}
     */
    boolean awaitStream(String streamId, LongSupplier lastSeq, long afterSeq, long timeoutMillis)
            throws InterruptedException {
        if (lastSeq.getAsLong() > afterSeq) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        StreamWaiters w = streams.compute(streamId, (id, had) -> (had == null ? new StreamWaiters() : had).joined());
        streamWaiters.incrementAndGet();
        try {
            synchronized (w) {
                return waitOn(w, () -> lastSeq.getAsLong() > afterSeq, deadline);
            }
        } finally {
            streamWaiters.decrementAndGet();
            streams.computeIfPresent(streamId, (id, had) -> had.left());
        }
    }

    boolean await(long seq, long timeoutMillis) throws InterruptedException {
        if (head.getAsLong() >= seq) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (monitor) {
            waiters++;
            try {
                return waitOn(monitor, () -> head.getAsLong() >= seq, deadline);
            } finally {
                waiters--;
            }
        }
    }

    /**
     * Waits on {@code held} (whose monitor the caller holds) until {@code reached}, the deadline ({@code nanoTime})
     * or the log's close; looks at {@code reached} once per wake-up.
     *
     * @return whether {@code reached}
     */
    private boolean waitOn(Object held, BooleanSupplier reached, long deadline) throws InterruptedException {
        while (true) {
            if (reached.getAsBoolean()) {
                return true;
            }
            long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
            if (closed || remainingMs <= 0) {
                return false;
            }
            held.wait(remainingMs);
        }
    }

    /** Wakes every waiter for good: the log is closing. */
    void wakeAll() {
        closed = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
        for (StreamWaiters w : streams.values()) {
            synchronized (w) {
                w.notifyAll();
            }
        }
    }

    /** One stream's monitor, and how many wait on it; changed only inside the map's {@code compute}. */
    private static final class StreamWaiters {

        private int count;

        StreamWaiters joined() {
            count++;
            return this;
        }

        /** This, or {@code null} (out of the map) when the last waiter has left. */
        StreamWaiters left() {
            return --count == 0 ? null : this;
        }
    }
}
