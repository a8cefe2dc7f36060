package dev.hindsight.http.sse;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The response side of one SSE connection, written without blocking: frames are queued in a bounded
 * {@link FrameBuffer} from any thread and written by the connection's XNIO I/O thread whenever the socket takes
 * them (a write listener resumes a partial write). No thread ever waits on the socket.
 *
 * <p>Design note: Undertow's own {@code ServerSentEventConnection} queues without bound and its graceful shutdown waits
 * for that queue to drain, which a client that stops reading never lets happen; here the backlog is bounded, the last
 * frame of a dropped client is written if the client lets it, and the connection is cut after a grace period if not.
 *
 * <p>Thread-safety: {@link #offer}, {@link #closeWith}, {@link #onClose} and {@link #isClosed} may be called from any
 * thread; everything touching the channel runs on the I/O thread.
 */
final class SseChannel {

    /** After a client's end of sending, the second heartbeat that finds out whether it is gone. */
    private static final long PROBE_AGAIN_MILLIS = 1_000;
    /**
     * Frames are copied into one buffer of this size and written together: written one by one, each was a chunk of
     * its own and a system call (Undertow's chunked sink writes one buffer of a gathering write), and a replay of the
     * log to four clients kept an I/O thread writing so that appends answered on it waited seconds.
     */
    private static final int COALESCE_BYTES = 64 * 1024;
    /** What one drain writes before it lets the I/O thread's other connections go first (it is queued again). */
    private static final long DRAIN_BUDGET_BYTES = 256 * 1024;

    private final HttpServerExchange exchange;
    private final XnioIoThread io;
    private final SseSettings settings;
    private final FrameBuffer frames;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Queue<Runnable> closeTasks = new ConcurrentLinkedQueue<>();
    private volatile boolean sealed;
    // I/O thread only
    private StreamSinkChannel sink;
    /** Frames copied together and not yet all written (read mode; empty when none), allocated on the first. */
    private ByteBuffer coalesced;
    /** Whether {@link #next()} gave the head frame itself, which stays queued until it is all written. */
    private boolean writingHead;
    private XnioExecutor.Key heartbeat;

    SseChannel(HttpServerExchange exchange, SseSettings settings) {
        this.exchange = exchange;
        this.io = exchange.getIoThread();
        this.settings = settings;
        this.frames = new FrameBuffer(settings.maxBufferedEvents(), settings.maxBufferedBytes());
    }

    /** Takes the response channel and sends the headers; runs {@link #open()} on the I/O thread. */
    void start() {
        io.execute(this::open);
    }

    /** Queues a frame, waiting up to {@link SseSettings#stallMillis()} for room; see {@link FrameBuffer#offer}. */
    FrameBuffer.Offer offer(ByteBuffer frame) throws InterruptedException {
        FrameBuffer.Offer result = frames.offer(frame, settings.stallMillis());
        if (result == FrameBuffer.Offer.ACCEPTED) {
            scheduleDrain();
        }
        return result;
    }

    /**
     * Writes what is queued, then {@code last}, then ends the response and closes the connection; cuts it after
     * {@link SseSettings#closeGraceMillis()} if the client does not take the data. Later offers are refused.
     */
    void closeWith(ByteBuffer last) {
        if (frames.sealWith(last)) {
            sealed = true;
            io.execute(() -> {
                try {
                    drain();
                } finally {
                    if (!closed.get()) {
                        try {
                            io.executeAfter(this::abort, settings.closeGraceMillis(), TimeUnit.MILLISECONDS);
                        } catch (RejectedExecutionException e) {
                            abort(); // the I/O thread is stopping: the server is closing every connection anyway
                        }
                    }
                }
            });
        }
    }

    /** Runs {@code task} once the connection is closed, on the I/O thread, or at once if it already is. */
    void onClose(Runnable task) {
        closeTasks.add(task);
        if (closed.get() && closeTasks.remove(task)) {
            task.run();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    private void open() {
        sink = exchange.getResponseChannel();
        if (sink == null) {
            // the response was already started or ended: nothing to stream into
            closed();
            return;
        }
        sink.getWriteSetter().set(ch -> drain());
        sink.getCloseSetter().set(ch -> closed());
        exchange.addExchangeCompleteListener((ex, next) -> {
            closed();
            next.proceed();
        });
        heartbeat = io.executeAtInterval(this::beat, settings.heartbeatMillis(), TimeUnit.MILLISECONDS);
        watchForHangUp();
        drain();
    }

    /**
     * Reads the connection while the events stream: a client that hangs up is noticed at once, where a write told it
     * only at the heartbeat after next (15-30 s of a subscription and its thread held for nobody: thousands, for a
     * client that connects and leaves in a loop). Anything the client sends is read and dropped: the stream ends its
     * connection. The end of what it sends is not the end of the client, which may only have shut its sending side
     * and still read: two heartbeats go out at once and a second later, and a client gone for good makes the second
     * fail (its reset answers the first). Plain HTTP/1 only ({@link SubscribeHandler} refuses pipelined bytes).
     */
    private void watchForHangUp() {
        if (!(exchange.getConnection() instanceof HttpServerConnection connection)
            || connection.getSslSessionInfo() != null) {
            return;
        }
        StreamSourceConduit wire = connection.getOriginalSourceConduit();
        ByteBuffer dropped = ByteBuffer.allocate(256);
        connection.getChannel().getSourceChannel().setReadListener(ch -> {
            try {
                int read;
                do {
                    dropped.clear();
                    read = wire.read(dropped);
                } while (read > 0);
                if (read < 0) {
                    wire.suspendReads(); // nothing more will come
                    beat();
                    io.executeAfter(this::beat, PROBE_AGAIN_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (IOException | RejectedExecutionException e) {
                abort(); // a reset; or the I/O thread is stopping, and the server with it
            }
        });
        wire.resumeReads();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            io.execute(() -> {
                // cleared before draining: a frame queued after this point schedules another drain
                drainScheduled.set(false);
                drain();
            });
        }
    }

    private void beat() {
        // only an idle connection needs one: any frame in flight proves the link as well (a write to a client gone
        // fails)
        if (!sealed && frames.isEmpty() && frames.force(SseFrame.heartbeat())) {
            drain();
        }
    }

    private void drain() {
        if (sink == null || closed.get()) {
            return;
        }
        // read before the frames are taken: sealed once they are, the last frame may have come after the loop and
        // would be cut off; closeWith queues a drain of its own, which sends it and finishes
        boolean finishAfter = sealed;
        try {
            long budget = DRAIN_BUDGET_BYTES;
            while (true) {
                ByteBuffer next = next();
                if (next == null) {
                    break;
                }
                int wrote = sink.write(next);
                if (wrote == 0) {
                    sink.resumeWrites();
                    return;
                }
                if (writingHead && !next.hasRemaining()) {
                    frames.written(); // a frame larger than the buffer, written as it is
                }
                budget -= wrote;
                if (budget <= 0) {
                    io.execute(this::drain); // the rest after what else the I/O thread has to do
                    return;
                }
            }
            if (!sink.flush()) {
                sink.resumeWrites();
                return;
            }
            sink.suspendWrites();
            if (finishAfter) {
                finish();
            }
        } catch (IOException e) {
            // the client is gone (reset, broken pipe): there is nobody left to tell
            abort();
        }
    }

    /**
     * What to write next: the rest of the frames copied together, else the queued frames that fit copied together
     * ({@link FrameBuffer#moveInto}), else a head frame larger than the buffer itself; {@code null} when none is left.
     */
    private ByteBuffer next() {
        writingHead = false;
        if (coalesced != null && coalesced.hasRemaining()) {
            return coalesced;
        }
        if (coalesced == null) {
            if (frames.isEmpty()) {
                return null;
            }
            coalesced = ByteBuffer.allocate(COALESCE_BYTES);
        }
        coalesced.clear();
        int moved = frames.moveInto(coalesced);
        coalesced.flip();
        if (moved > 0) {
            return coalesced;
        }
        writingHead = true;
        return frames.head();
    }

    private void finish() throws IOException {
        sink.shutdownWrites();
        if (sink.flush()) {
            abort();
        } else {
            sink.getWriteSetter().set(ch -> {
                try {
                    if (ch.flush()) {
                        abort();
                    }
                } catch (IOException e) {
                    abort();
                }
            });
            sink.resumeWrites();
        }
    }

    private void abort() {
        IoUtils.safeClose(exchange.getConnection());
        closed();
    }

    private void closed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        frames.close();
        if (heartbeat != null) {
            heartbeat.remove();
        }
        for (Runnable task = closeTasks.poll(); task != null; task = closeTasks.poll()) {
            task.run();
        }
    }
}
