package dev.hindsight.http.server;

import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes the request bodies a server reads may hold at once, one budget for {@code /jdbc} and one for the JSON
 * routes. A {@code /jdbc} body is read whole before its message names a key (the key is inside it), so without a
 * budget anyone who can reach the port could hold the limit of a request (16 MiB) on each of any number of
 * connections, sending slowly, and run the server out of heap (a few hundred connections did); a JSON body is read
 * whole without a worker ({@link BodyRoute}), so the same holds for a client with a key. A body reserves its array as
 * it grows and gives it back once its route has run with it (a body read whole may wait for a worker, holding its
 * bytes: a burst of large bodies while the workers were busy ran the heap out) or when its connection closes; a body
 * that finds the budget spent is refused ({@code /jdbc}: inside the protocol, SQLState 53000, status 500, which
 * Avatica's client reports; a JSON route: {@code 503 server_busy}), and its connection closed.
 *
 * <p>Thread-safe: reserved on the connection's I/O thread, given back there or on a worker.
 */
public final class BodyBudget {

    /**
     * The reservation of the body a connection is reading now, given back if the connection closes first: one key per
     * budget, as one connection may send a JSON request and then a {@code /jdbc} one, each counted in its own budget.
     */
    private final AttachmentKey<Held> heldKey = AttachmentKey.create(Held.class);
    private final long max;
    private final AtomicLong reserved = new AtomicLong();

    /** A budget of {@code max} bytes. */
    public BodyBudget(long max) {
        if (max <= 0) {
            throw new IllegalArgumentException("a body budget must be positive, was " + max);
        }
        this.max = max;
    }

    /** A quarter of the heap the JVM may grow to: what bodies read slowly by clients not yet known may take. */
    public static BodyBudget ofHeap() {
        return new BodyBudget(Runtime.getRuntime().maxMemory() / 4);
    }

    /** Bytes reserved now (for tests and metrics). */
    public long reserved() {
        return reserved.get();
    }

    /**
     * The reservation of the body {@code connection} reads now: one per connection, given back when it closes
     * (the close listener is added once per connection, not once per request).
     */
    Held heldBy(ServerConnection connection) {
        Held held = connection.getAttachment(heldKey);
        if (held == null) {
            // set by the thread that has the connection's request: nobody else touches its attachments meanwhile
            Held made = new Held();
            connection.putAttachment(heldKey, made);
            connection.addCloseListener(c -> made.release());
            held = made;
        }
        return held;
    }

    /** What one connection's body holds of the budget. */
    final class Held {
        private final AtomicLong bytes = new AtomicLong();

        /** Reserves {@code more} bytes; false (nothing reserved) if the budget has not that much left. */
        boolean reserve(long more) {
            long now;
            do {
                now = reserved.get();
                if (now + more > max) {
                    return false;
                }
            } while (!reserved.compareAndSet(now, now + more));
            bytes.addAndGet(more);
            return true;
        }

        /** Gives back all this body holds (again: nothing). */
        void release() {
            reserved.addAndGet(-bytes.getAndSet(0));
        }

        /** Gives back {@code amount} bytes, or all this body holds if that is less (its connection closed already). */
        void release(long amount) {
            long before = bytes.getAndUpdate(held -> held - Math.min(held, amount));
            reserved.addAndGet(-Math.min(before, amount));
        }
    }
}
