package dev.hindsight.log;

import java.util.function.LongSupplier;

/**
 * Lets readers wait for the log head to move (subscriptions, read-your-writes) without costing appends anything
 * while nobody waits: an append only enters the monitor if the waiter count is non-zero.
 */
final class HeadSignal {

    private final Object monitor = new Object();
    private final LongSupplier head;
    private volatile int waiters;

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

    boolean await(long seq, long timeoutMillis) throws InterruptedException {
        if (head.getAsLong() >= seq) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (monitor) {
            waiters++;
            try {
                while (head.getAsLong() < seq) {
                    long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
                    if (remainingMs <= 0) {
                        return false;
                    }
                    monitor.wait(remainingMs);
                }
                return true;
            } finally {
                waiters--;
            }
        }
    }

    /** Wakes every waiter, e.g. on close. */
    void wakeAll() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
