package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * A request body read whole without blocking, then handed to a worker thread: read as far as it has arrived where it
 * is called (an I/O thread), the rest as it arrives, into an array that doubles as bytes come, up to the declared
 * length (then it is exactly that size) or, chunked, to the limit. A head alone reserves at most 64 KiB ({@code /jdbc}
 * is reached before any key is checked), and what all bodies hold at once, from their first bytes until their route
 * has run with them, is within a {@link BodyBudget}. Used by {@code /jdbc} and by the JSON routes that read a body
 * ({@link BodyRoute}).
 *
 * <p>Undertow's {@code Receiver} does the same, but copies byte by byte into a synchronized stream and then once
 * more: a batch of a thousand rows is a few hundred kilobytes. A client that goes away mid-body has its connection
 * closed, and nothing runs.
 */
public final class WholeBody implements ChannelListener<StreamSourceChannel> {

    /** What runs on a worker thread, as a root handler (it may dispatch again), with the body read whole. */
    @FunctionalInterface
    public interface Then {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private static final int FIRST_CHUNKED_ARRAY = 8 * 1024;
    private static final byte[] NO_BYTES = new byte[0];
    /** The most a declared body gets before its bytes arrive: a head alone must not reserve megabytes. */
    private static final int FIRST_DECLARED_ARRAY = 64 * 1024;

    private final HttpServerExchange exchange;
    private final int max;
    private final boolean declared;
    /** The array never grows past this: the declared length, or one byte over the limit (a chunked body). */
    private final long ceiling;
    private final Then then;
    private final HttpHandler tooLarge;
    private final HttpHandler busy;
    private final BoundWorkers bound;
    /**
     * The connection's reservation, of which this body's is always its array's length: given back by that much, not
     * all, as the connection's next body may be read while this one's route still runs ({@link EarlyRequest}).
     */
    private final BodyBudget.Held held;
    private final boolean keepReading;
    private byte[] bytes;
    private int length;

    private WholeBody(HttpServerExchange exchange, int max, long declaredLength, Then then, Refusals refusals,
                      BoundWorkers bound, BodyBudget.Held held, boolean keepReading, int first) {
        this.exchange = exchange;
        this.max = max;
        this.declared = declaredLength >= 0;
        this.ceiling = declared ? declaredLength : max + 1L;
        this.then = then;
        this.tooLarge = refusals.tooLarge();
        this.busy = refusals.busy();
        this.bound = bound;
        this.held = held;
        this.keepReading = keepReading;
        this.bytes = new byte[first];
    }

    /**
     * The answers to a body refused while it is read: one over the limit (a chunked one), and one the budget has no
     * room for. Each runs on the thread that refused the body, an I/O thread as a rule (a budget spent is likeliest
     * with every worker busy: the answer must not wait for one): a refusal that blocks dispatches itself to a worker.
     */
    public record Refusals(HttpHandler tooLarge, HttpHandler busy) {
    }

    /**
     * Reads the body of {@code exchange} whole and dispatches {@code then} with it; if it turns out longer than {@code
     * max} bytes (a chunked body: one declared longer must be refused before this), dispatches {@code refusals}' too
     * large answer instead, with the rest unread, and if {@code budget} has no room for the bytes it holds, the busy
     * one. The caller switches Undertow's own entity limit off for the exchange first: its refusal would look like a
     * client gone mid-body. With a worker that {@code bound} lets be bound to the connection, the worker that answers
     * reads the connection's next message itself ({@link Linger}); with none, and {@code keepReading}, the
     * connection's reads stay on while the worker runs ({@link EarlyRequest}: for an answer the worker sends without
     * blocking), else Undertow turns them off until the exchange ends, as for any request dispatched to a worker.
     */
    public static void read(HttpServerExchange exchange, int max, Then then, Refusals refusals, BoundWorkers bound,
                            BodyBudget budget, boolean keepReading) {
        long declaredLength = exchange.getRequestContentLength();
        if (declaredLength > max) {
            throw new IllegalArgumentException("a body declared at " + declaredLength + " bytes is over the limit of "
                + max + ": refuse it before reading");
        }
        int first = (int) Math.min(declaredLength >= 0 ? declaredLength : max + 1L,
            declaredLength >= 0 ? FIRST_DECLARED_ARRAY : FIRST_CHUNKED_ARRAY);
        BodyBudget.Held held = budget.heldBy(exchange.getConnection());
        if (!held.reserve(first)) {
            dispatchRefusal(exchange, refusals.busy());
            return;
        }
        new WholeBody(exchange, max, declaredLength, then, refusals, bound, held, keepReading, first)
            .readArrived(exchange.getRequestChannel());
    }

    @Override
    public void handleEvent(StreamSourceChannel channel) {
        readArrived(channel);
    }

    private void readArrived(StreamSourceChannel channel) {
        try {
            while (true) {
                // the array grows as bytes arrive; full at the declared length, it reads on to the end of the body
                // (-1, with nothing read): that ends the request
                if (length == bytes.length && length < ceiling) {
                    int grown = (int) Math.min(ceiling, 2L * length);
                    if (!held.reserve(grown - (long) length)) {
                        held.release(bytes.length);
                        finish(channel, SameThreadExecutor.INSTANCE, busy);
                        return;
                    }
                    bytes = Arrays.copyOf(bytes, grown);
                } else if (!declared && length == bytes.length) {
                    held.release(bytes.length);
                    finish(channel, SameThreadExecutor.INSTANCE, tooLarge); // one byte over the limit, chunked
                    return;
                }
                int read = channel.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
                if (read == -1) {
                    break;
                }
                if (read == 0) {
                    // the rest has not arrived: this listener reads it on the I/O thread when it does
                    channel.getReadSetter().set(this);
                    channel.resumeReads();
                    return;
                }
                length += read;
            }
        } catch (IOException e) {
            held.release(bytes.length);
            // the client is gone mid-body: there is no one to answer. The array goes now: the idle timer holds the
            // exchange, and through the channel's read listener this, until it fires (a minute), with its budget
            // given back already
            bytes = NO_BYTES;
            channel.getReadSetter().set(null);
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        if (length > max) {
            held.release(bytes.length);
            finish(channel, SameThreadExecutor.INSTANCE, tooLarge);
            return;
        }
        byte[] body = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        held.release(bytes.length - (long) length); // the array beyond the body's end
        HttpHandler withBody = ex -> {
            try {
                then.handle(ex, body);
            } finally {
                // only now: a body read whole may wait for a worker, and its bytes are held while it waits
                held.release(body.length);
            }
        };
        Executor turns = Linger.watch(exchange, bound);
        if (turns != null) {
            finish(channel, turns, withBody); // the worker reads the next message itself
        } else if (keepReading && EarlyRequest.keepReading(exchange)) {
            dispatch(null, withBody); // the exchange can end on the worker without waking this thread
        } else {
            finish(channel, null, withBody);
        }
    }

    private void finish(StreamSourceChannel channel, Executor executor, HttpHandler next) {
        channel.getReadSetter().set(null);
        channel.suspendReads();
        dispatch(executor, next);
    }

    private void dispatch(Executor executor, HttpHandler next) {
        dispatch(exchange, executor, next);
    }

    private static void dispatchRefusal(HttpServerExchange exchange, HttpHandler refusal) {
        dispatch(exchange, SameThreadExecutor.INSTANCE, refusal);
    }

    private static void dispatch(HttpServerExchange exchange, Executor executor, HttpHandler next) {
        // in the handler's call this runs once it returns (a refused worker is Undertow's 503 then); from the read
        // listener, at once
        try {
            exchange.dispatch(executor, next);
        } catch (RejectedExecutionException e) {
            IoUtils.safeClose(exchange.getConnection()); // the server is stopping: its workers take no more work
        }
    }
}
