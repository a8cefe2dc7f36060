package dev.hindsight.http.sse;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One client's frames between the log and its socket, bounded in frames and bytes. Producers (the client's log
 * subscription thread) {@link #offer}; the I/O thread reads the {@link #head()}, writes it, and {@link #written()}
 * removes it, which is when its room is given back. Thread-safe; the lock is held only for queue bookkeeping, never
 * across a write or a wait's sleep, so the I/O thread never waits on a producer.
 */
final class FrameBuffer {

    /** What became of an offered frame. */
    enum Offer {
        ACCEPTED,
        /** The buffer stayed full for the whole wait: the client is not keeping up. */
        FULL,
        /** The connection is gone or going; nothing more will be written. */
        CLOSED
    }

    private final int maxFrames;
    private final long maxBytes;
    private final ArrayDeque<ByteBuffer> frames = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    FrameBuffer(int maxFrames, long maxBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Queues {@code frame}, waiting up to {@code waitMillis} for room. */
    synchronized Offer offer(ByteBuffer frame, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (!closed && isFull(frame.remaining())) {
            long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
            if (remainingMs <= 0) {
                return Offer.FULL;
            }
            wait(remainingMs);
        }
        if (closed) {
            return Offer.CLOSED;
        }
        add(frame);
        return Offer.ACCEPTED;
    }

    /** Queues {@code frame} whatever the bound: a heartbeat into an empty buffer, the final error frame. */
    synchronized boolean force(ByteBuffer frame) {
        if (closed) {
            return false;
        }
        add(frame);
        return true;
    }

    /** The frame to write next, or {@code null}; it stays queued (and counted) until {@link #written()}. */
    synchronized ByteBuffer head() {
        return frames.peek();
    }

    /** The head frame is on the socket: gives its room back and wakes a waiting producer. */
    synchronized void written() {
        if (dropHead() != null) {
            notifyAll();
        }
    }

    /**
     * Copies whole frames from the head into {@code out} while they fit, each then as {@link #written()} (its room
     * given back, a waiting producer woken once); returns how many. A head frame larger than {@code out}'s room stays.
     */
    synchronized int moveInto(ByteBuffer out) {
        int moved = 0;
        for (ByteBuffer head = frames.peek(); head != null && head.remaining() <= out.remaining();
             head = frames.peek()) {
            out.put(head);
            dropHead();
            moved++;
        }
        if (moved > 0) {
            notifyAll();
        }
        return moved;
    }

    synchronized boolean isEmpty() {
        return frames.isEmpty();
    }

    /**
     * Queues {@code last} and refuses every later offer, keeping what is queued so it can still be written; wakes
     * waiting producers. Returns {@code false}, queuing nothing, if already sealed or closed.
     */
    synchronized boolean sealWith(ByteBuffer last) {
        if (closed) {
            return false;
        }
        add(last);
        closed = true;
        notifyAll();
        return true;
    }

    /** Refuses every later offer, drops what is queued and wakes waiting producers. */
    synchronized void close() {
        closed = true;
        frames.clear();
        bytes = 0;
        notifyAll();
    }

    private boolean isFull(int frameBytes) {
        // an empty buffer takes any one frame, or an event larger than maxBytes could never be sent
        return !frames.isEmpty() && (frames.size() >= maxFrames || bytes + frameBytes > maxBytes);
    }

    /** Takes the head frame off the queue and gives its room back (the caller wakes producers); {@code null}: none. */
    private ByteBuffer dropHead() {
        ByteBuffer done = frames.poll();
        if (done != null) {
            bytes -= done.capacity();
        }
        return done;
    }

    private void add(ByteBuffer frame) {
        frames.add(frame);
        bytes += frame.capacity();
    }
}
