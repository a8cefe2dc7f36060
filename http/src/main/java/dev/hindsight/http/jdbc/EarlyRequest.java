package dev.hindsight.http.jdbc;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
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
 *   I/O thread, the next request arrives           worker, the exchange ends (Undertow's hand-over runs first)
 *   wait up to 20 µs for ENDED                     hand-over: Undertow's listener set, its resume (a no-op if on)
 *   ENDED: call Undertow's listener                RUNNING -> ENDED: done, no wake-up
 *   else suspend reads, then RUNNING -> PARKED     else (PARKED) resume reads: wakes the I/O thread
 *        failed (ENDED meanwhile): resume reads
 * </pre>
 *
 * The suspend comes before the state change, and the state change after the hand-over: whichever thread changes the
 * state second sees the other's effect, so reads are never left off with nobody to turn them on. Without this
 * protocol, a suspend on the I/O thread and the hand-over's resume on the worker race: XNIO skips a resume when it
 * sees reads still on, and a connection was left with reads off for good (seen under load after a few thousand round
 * trips).
 */
final class EarlyRequest implements ChannelListener<ConduitStreamSourceChannel>, ExchangeCompletionListener {

    private static final int RUNNING = 0;
    private static final int ENDED = 1;
    private static final int PARKED = 2;
    /** The longest the I/O thread waits for an answered exchange to end: a few times a hand-over's length. */
    private static final long WAIT_NANOS = 20_000;

    private final AbstractServerConnection connection;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private EarlyRequest(AbstractServerConnection connection) {
        this.connection = connection;
    }

    /**
     * On the I/O thread, with the request's body read whole: turns the connection's reads back on under this listener.
     * Does nothing for a connection of another protocol than HTTP/1 (its reads stay as they are).
     */
    static void keepReading(HttpServerExchange exchange) {
        if (exchange.getConnection() instanceof AbstractServerConnection) {
            AbstractServerConnection connection = (AbstractServerConnection) exchange.getConnection();
            EarlyRequest early = new EarlyRequest(connection);
            exchange.addExchangeCompleteListener(early);
            connection.getChannel().getSourceChannel().setReadListener(early);
            // the original conduit: the request's, finished, would call the listener at once instead
            connection.getOriginalSourceConduit().resumeReads();
        }
    }

    /** The next request, on the I/O thread. */
    @Override
    public void handleEvent(ConduitStreamSourceChannel channel) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (state.get() == RUNNING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (state.get() == RUNNING) {
            connection.getOriginalSourceConduit().suspendReads();
            if (state.compareAndSet(RUNNING, PARKED)) {
                return; // the end of the exchange resumes them
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
        next.proceed(); // the connection's hand-over is the last of these, and runs within this call
        if (!state.compareAndSet(RUNNING, ENDED)) {
            connection.getOriginalSourceConduit().resumeReads(); // the I/O thread parked the next request
        }
    }
}
