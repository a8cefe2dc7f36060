package dev.hindsight.http.server;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * A connection's reads kept on while a worker runs its request, so that the exchange can end on the worker without
 * waking the I/O thread: the connection's read listener until the exchange ends, and a listener of the exchange's end.
 *
 * <p>Why: Undertow 2.3 suspends a connection's reads while a request with a body runs (with no read listener set), and
 * an exchange that ends off the I/O thread resumes them, which wakes the I/O thread: two wake-ups of it per round
 * trip, one for the request and one for that. With reads on, the second is needed only when the client's next request
 * comes before the exchange has ended. It often does (the worker writes the answer, then ends the exchange; on two
 * cores the woken client can preempt it), so the I/O thread first waits a few microseconds for the end, bounded:
 *
 * <pre>
 *   I/O thread, the next request arrives          the exchange's end (on the worker, or on the I/O thread)
 *   wait up to 20 µs while RUNNING or ENDING      RUNNING -> ENDING, else (PARKED) the hand-over on the I/O thread
 *   ENDED: call Undertow's listener               hand-over: Undertow's listener set, its resume (a no-op if on)
 *   else suspend reads, then -> PARKED            ENDING -> ENDED, else (PARKED meanwhile) resume reads
 *        failed (ENDED meanwhile): resume reads
 * </pre>
 *
 * The suspend comes before the state change, and the state change after the hand-over: whichever thread changes the
 * state second sees the other's effect, so reads are never left off with nobody to turn them on. Without this
 * protocol, a suspend on the I/O thread and the hand-over's resume on the worker race: XNIO skips a resume when it
 * sees reads still on, and a connection was left with reads off for good (seen under load after a few thousand round
 * trips). A request parked before the hand-over starts has it run on the I/O thread: Undertow's hand-over from a
 * worker, resuming reads, wakes the I/O thread inside a window that the I/O thread spins on.
 *
 * <p>The way of a request whose worker may not wait for the connection's next message ({@link Linger}: the workers
 * that may be bound to connections are all bound, or the connection is not kept alive). Only plain HTTP/1
 * connections with no bytes of a next request read already (pipelined) are kept reading: for those Undertow's
 * hand-over runs the next request itself, and its TLS channel is not safe to read from two threads.
 */
final class EarlyRequest implements ChannelListener<ConduitStreamSourceChannel>, ExchangeCompletionListener {

    private static final int RUNNING = 0;
    private static final int ENDING = 1;
    private static final int ENDED = 2;
    private static final int PARKED = 3;
    /** The longest the I/O thread waits for an answered exchange to end: a few times a hand-over's length. */
    private static final long WAIT_NANOS = 20_000;

    private final HttpServerConnection connection;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private EarlyRequest(HttpServerConnection connection) {
        this.connection = connection;
    }

    /**
     * On the I/O thread, with the request's body read whole: turns the connection's reads back on under this listener
     * if it is a plain HTTP/1 connection with nothing of a next request read; returns whether it did (if not, reads
     * are left as they are).
     */
    static boolean keepReading(HttpServerExchange exchange) {
        if (!(exchange.getConnection() instanceof HttpServerConnection)) {
            return false;
        }
        HttpServerConnection connection = (HttpServerConnection) exchange.getConnection();
        if (connection.getSslSessionInfo() != null || connection.getExtraBytes() != null) {
            return false;
        }
        EarlyRequest early = new EarlyRequest(connection);
        exchange.addExchangeCompleteListener(early);
        connection.getChannel().getSourceChannel().setReadListener(early);
        // the original conduit: the request's, finished, would call the listener at once instead
        connection.getOriginalSourceConduit().resumeReads();
        return true;
    }

    /** The next request, on the I/O thread. */
    @Override
    public void handleEvent(ConduitStreamSourceChannel channel) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        int now = state.get();
        while (now != ENDED && now != PARKED && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            now = state.get();
        }
        if (now == PARKED) {
            return; // a second event before reads were off: the end of the exchange resumes them
        }
        if (now != ENDED) {
            connection.getOriginalSourceConduit().suspendReads();
            while (now != ENDED) {
                if (state.compareAndSet(now, PARKED)) {
                    return; // the end of the exchange resumes them
                }
                now = state.get(); // RUNNING became ENDING, or the exchange ended
            }
            connection.getOriginalSourceConduit().resumeReads(); // it ended meanwhile: its resume may have been skipped
        }
        ChannelListener<? super ConduitStreamSourceChannel> undertows = channel.getReadListener();
        if (undertows == this) {
            // ended without handing the connection back (not kept alive: Undertow closes it): nothing more to read
            connection.getOriginalSourceConduit().suspendReads();
            return;
        }
        ChannelListeners.invokeChannelListener(channel, undertows); // ended: Undertow's listener reads the request
    }

    /** The end of the exchange, on whichever thread ends it. */
    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener next) {
        if (!state.compareAndSet(RUNNING, ENDING)) {
            // parked: the I/O thread waits for reads to be resumed, so the hand-over may as well run there
            if (exchange.isInIoThread()) {
                next.proceed();
            } else {
                exchange.getIoThread().execute(next::proceed);
            }
            return;
        }
        try {
            next.proceed(); // the connection's hand-over is the last of these, and runs within this call
        } finally {
            if (!state.compareAndSet(ENDING, ENDED)) {
                connection.getOriginalSourceConduit().resumeReads(); // the I/O thread parked the next request
            }
        }
    }
}
