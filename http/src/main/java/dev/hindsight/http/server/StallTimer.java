package dev.hindsight.http.server;

import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * The clock of one direction of an exchange's bytes ({@link StalledBody}, {@link StalledAnswer}): told when bytes move
 * and when a reader or writer has to wait, it closes the connection once a wait has seen no bytes move for the idle
 * timeout. Its timer, on the connection's I/O thread, is armed only when a wait begins, at most one at a time, and
 * lapses once nobody waits: a direction whose bytes have all moved (a body read to its end, an answer flushed whole)
 * has no wait left. Once the exchange is over the timer is taken off the I/O thread's queue ({@link #ended}): left
 * there, it held the exchange (its headers, buffers, listeners) until it fired, an idle timeout after the answer, so
 * a server answering thousands of requests a second kept tens of thousands of finished ones in its heap.
 */
final class StallTimer implements Runnable {

    private final HttpServerExchange exchange;
    private final long idleNanos;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile long lastBytes = System.nanoTime();
    private volatile boolean waiting;
    /** The armed timer's place in the I/O thread's queue, or null. */
    private volatile XnioExecutor.Key scheduled;
    private volatile boolean ended;

    private StallTimer(HttpServerExchange exchange, Duration idle) {
        this.exchange = exchange;
        this.idleNanos = idle.toNanos();
    }

    /** A timer of one direction of {@code exchange}'s bytes, which lets the exchange go when it completes. */
    static StallTimer of(HttpServerExchange exchange, Duration idle) {
        StallTimer timer = new StallTimer(exchange, idle);
        exchange.addExchangeCompleteListener((ended, next) -> {
            timer.ended();
            next.proceed();
        });
        return timer;
    }

    /** Bytes moved. */
    void moved() {
        lastBytes = System.nanoTime();
    }

    /** A reader or writer has to wait for the connection ({@code true}), or need not ({@code false}). */
    void waiting(boolean waits) {
        waiting = waits;
        if (waits && armed.compareAndSet(false, true)) {
            schedule(idleNanos);
        }
    }

    /** The exchange is over: nothing is left to wait for, and the timer lets it go. */
    private void ended() {
        ended = true;
        XnioExecutor.Key key = scheduled;
        if (key != null) {
            key.remove();
        }
    }

    private void schedule(long nanos) {
        if (ended) {
            return;
        }
        XnioExecutor.Key key = exchange.getIoThread().executeAfter(this,
            Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)), TimeUnit.MILLISECONDS);
        scheduled = key;
        if (ended) {
            key.remove(); // ended() ran before the key was known to it
        }
    }

    @Override
    public void run() {
        scheduled = null;
        if (ended || !exchange.getConnection().isOpen()) {
            return;
        }
        long quiet = System.nanoTime() - lastBytes;
        if (waiting && quiet >= idleNanos) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        if (waiting) {
            schedule(idleNanos - quiet);
            return;
        }
        armed.set(false);
        // a wait that began after the check above, and could not arm: armed for it (volatile order)
        if (waiting && armed.compareAndSet(false, true)) {
            schedule(idleNanos);
        }
    }
}
