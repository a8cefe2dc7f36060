package dev.hindsight.http.server;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The worker that answered a request waits a moment for the connection's next one, reads it and runs it itself, in
 * the connection's {@link WorkerTurns}: at the exchange's end, before the connection goes back to the I/O thread.
 *
 * <pre>
 *   worker: answer written ── end of the exchange ── the task returns ── wait for bytes (up to 1 ms, in the kernel)
 *     bytes came:  they become the connection's "extra bytes"; Undertow's hand-over takes them for a pipelined
 *                  request and gives its read listener to the exchange's dispatch executor: this worker's turns
 *     none came:   Undertow's hand-over as ever (reads resumed: the I/O thread waits for the next request)
 * </pre>
 *
 * While the worker waits, the connection's reads are off for the I/O thread (Undertow suspended them when the request
 * began), so the client's next request wakes only this worker: one wake-up per round trip fewer than the I/O thread
 * reading it and waking a worker. The workers that may be bound to connections so are limited ({@link
 * BoundWorkers}). Completion listeners added before this one run after its wait (up to 1 ms later).
 *
 * <p>No listener added before this one may go on ({@code proceed}) on another thread: the hand-over that follows
 * gives the next request to this worker's turns, which only this thread may.
 */
public final class Linger implements ExchangeCompletionListener {

    /** How long a worker waits for the next request: a round trip of a client that sends at once is well below. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final HttpServerConnection connection;

    private Linger(HttpServerConnection connection) {
        this.connection = connection;
    }

    /**
     * By the thread that has the request, before it goes to a worker: where it runs if the worker that runs it may
     * read the connection's next request at the exchange's end (a plain HTTP/1 connection, kept alive, and a run of
     * {@link WorkerTurns} within {@code bound}), with the listener that does it added to the exchange; null if not.
     * (Bytes of a next request read with this one's, pipelined, are not waited for: Undertow hands them over to
     * this worker at the end.)
     */
    public static Executor watch(HttpServerExchange exchange, BoundWorkers bound) {
        if (!(exchange.getConnection() instanceof HttpServerConnection connection)
                || connection.getSslSessionInfo() != null || !exchange.isPersistent()) {
            return null;
        }
        Executor turns = WorkerTurns.of(connection, bound);
        if (turns != null) {
            exchange.addExchangeCompleteListener(new Linger(connection));
        }
        return turns;
    }

    /**
     * On a worker, for a request it read itself as the last one's answer ended: the same for this request, if the
     * worker is still bound to the connection (a request it read, not one dispatched to it from the pool).
     */
    public static void watchIfBound(HttpServerExchange exchange) {
        if (exchange.getConnection() instanceof HttpServerConnection connection
                && WorkerTurns.current(connection) != null && exchange.isPersistent()) {
            exchange.addExchangeCompleteListener(new Linger(connection));
        }
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener next) {
        WorkerTurns turns = WorkerTurns.current(connection); // none if the exchange ends on the I/O thread
        if (turns == null || !exchange.isPersistent()) {
            next.proceed();
        } else if (connection.getExtraBytes() != null) {
            exchange.setDispatchExecutor(turns); // pipelined: Undertow's hand-over runs the next request here
            next.proceed();
        } else if (!turns.later(() -> awaitNextRequest(exchange, turns, next))) {
            next.proceed(); // (a task queued already: none is, where this listener is added)
        }
    }

    /**
     * Once the task that ended the exchange has returned (a route ends it from inside its work, holding what it works
     * with, an SQL connection for one): waits for the next request, then lets the later listeners and Undertow's
     * hand-over run, whatever happened.
     */
    private void awaitNextRequest(HttpServerExchange exchange, WorkerTurns turns, NextListener next) {
        try {
            PooledByteBuffer bytes = nextMessage();
            if (bytes != null) {
                connection.setExtraBytes(bytes);
                exchange.setDispatchExecutor(turns); // Undertow's hand-over gives its read listener to this
            }
        } finally {
            next.proceed();
        }
    }

    /** The next request's first bytes, read within {@link #WAIT_NANOS}, or null. */
    private PooledByteBuffer nextMessage() {
        StreamSourceConduit source = connection.getOriginalSourceConduit();
        PooledByteBuffer pooled = null;
        boolean kept = false;
        try {
            pooled = connection.getByteBufferPool().allocate();
            ByteBuffer buffer = pooled.getBuffer();
            buffer.clear();
            long deadline = System.nanoTime() + WAIT_NANOS;
            int read = source.read(buffer);
            for (long left = WAIT_NANOS; read == 0 && left > 0; left = deadline - System.nanoTime()) {
                source.awaitReadable(left, TimeUnit.NANOSECONDS); // a selector of this thread, to the millisecond
                read = source.read(buffer);
            }
            if (read <= 0) {
                return null; // none (the hand-over resumes reads) or the client is gone (it closes the connection)
            }
            buffer.flip();
            kept = true;
            return pooled;
        } catch (IOException | IllegalStateException e) { // the pool is closed once the server stops
            IoUtils.safeClose(connection);
            return null;
        } finally {
            if (pooled != null && !kept) {
                pooled.close();
            }
        }
    }
}
