package dev.hindsight.log;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A subscription's own thread: reads its {@link Feed} (the log, or one stream of it) in batches from a {@code seq},
 * then waits for the feed to grow. Events are delivered in {@code seq} order, each exactly once, and only once
 * acknowledged.
 */
final class TailingSubscription implements Subscription, Runnable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int BATCH = 512;
    /**
     * The longest wait before the feed is read again. A safety net only: an append wakes the wait, closing the log
     * or the subscription too. It was 200 ms, and 2,000 idle subscriptions reading the log 5 times a second took half
     * a core.
     */
    private static final long IDLE_WAIT_MS = 5_000;

    /** Where a subscription reads, and what it waits for. */
    interface Feed {

        /**
         * The events after {@code position} (a seq), at most {@code limit} and about a megabyte
         * ({@link SubscriptionBatch}), in seq order; empty at the end.
         */
        List<RecordedEvent> after(long position, int limit);

        /** Waits until there may be events after {@code position}, or {@code timeoutMillis} passes. */
        void await(long position, long timeoutMillis) throws InterruptedException;
    }

    private final Feed feed;
    private final BooleanSupplier logClosed;
    private final Consumer<RecordedEvent> listener;
    private final Consumer<Throwable> onFailure;
    private final Thread thread;
    private volatile long position;
    private volatile boolean closed;
    private volatile Throwable failure;

    TailingSubscription(Feed feed, BooleanSupplier logClosed, long fromSeq, Consumer<RecordedEvent> listener,
                        Consumer<Throwable> onFailure) {
        this.feed = feed;
        this.logClosed = logClosed;
        this.listener = listener;
        this.onFailure = onFailure;
        this.position = Math.max(fromSeq, 1) - 1;
        this.thread = new Thread(this, "hindsight-subscription-" + COUNTER.incrementAndGet());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                List<RecordedEvent> batch = feed.after(position, BATCH);
                for (RecordedEvent e : batch) {
                    if (closed) {
                        return;
                    }
                    listener.accept(e);
                    position = e.seq();
                }
                if (batch.isEmpty()) {
                    // closing the log wakes this wait; at the head nothing is read, so nothing else would notice
                    if (logClosed.getAsBoolean()) {
                        throw new IllegalStateException("the event log is closed");
                    }
                    feed.await(position, IDLE_WAIT_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        if (closed) {
            return; // what closing it caused (an interrupt, the log closed after it): no failure of its own
        }
        failure = e;
        try {
            onFailure.accept(e);
        } catch (RuntimeException | Error again) {
            e.addSuppressed(again); // kept with the failure, which failure() answers
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != thread) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
