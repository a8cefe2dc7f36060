package dev.hindsight.sql;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The characters of events that all open transactions of this JVM hold until their commit (stream ids, types,
 * names, data, metadata), against one limit: an eighth of the heap in characters, a quarter of it in bytes at two
 * bytes a character. A transaction's own limit ({@link SqlSession#MAX_HELD_CHARS}) bounded each one, not their sum:
 * one client keeping 45 connections' transactions full ran a 6 GB server out of heap, and then other clients' plain
 * INSERTs failed too.
 */
final class HeldCharacters {

    /** The JVM's: sessions on every log of the process share its heap. */
    static final HeldCharacters OF_THE_JVM = new HeldCharacters(Runtime.getRuntime().maxMemory() / 8);

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    HeldCharacters(long limit) {
        this.limit = limit;
    }

    /** Takes {@code chars} if they fit beside what is held; nothing is taken if they do not. */
    boolean take(long chars) {
        while (true) {
            long now = held.get();
            if (now + chars > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + chars)) {
                return true;
            }
        }
    }

    /**
     * Gives back {@code chars} taken before: their transaction committed, rolled back or closed. An embedded
     * connection dropped without its close keeps what it took: the driver holds the connection until it is closed
     * (and with it the session and its rows).
     */
    void give(long chars) {
        held.addAndGet(-chars);
    }

    long limit() {
        return limit;
    }

    long held() {
        return held.get();
    }
}
