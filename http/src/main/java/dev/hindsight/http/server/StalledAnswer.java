package dev.hindsight.http.server;

import io.undertow.server.ConduitWrapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ConduitFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * The timeout of an answer its client stops reading: once a writer of the answer has waited for room in the
 * connection for the idle timeout, with nothing going out, the connection is closed (the writer's wait ends with an
 * error, and the worker is free).
 *
 * <p>Why ours: Undertow 2.3's blocking output stream waits for room with no timeout, and its {@code IDLE_TIMEOUT}
 * option does nothing for HTTP/1 (see {@link StalledBody}): a client that asks for a large answer and reads none of
 * it would hold a worker for good, and a few dozen such clients every worker. The timer starts only when a write
 * finds no room, so an answer that goes out at once costs nothing.
 */
public final class StalledAnswer implements ConduitWrapper<StreamSinkConduit>, Runnable {

    private final HttpServerExchange exchange;
    private final long idleNanos;
    /** Whether a timer is pending (at most one). */
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile long lastBytes = System.nanoTime();
    /** Whether the last write or flush left bytes waiting for room: a writer waits for some. */
    private volatile boolean waiting;

    private StalledAnswer(HttpServerExchange exchange, Duration idle) {
        this.exchange = exchange;
        this.idleNanos = idle.toNanos();
    }

    /** Watches the answer of {@code exchange}; call before anything writes it. */
    public static void watch(HttpServerExchange exchange, Duration idle) {
        exchange.addResponseWrapper(new StalledAnswer(exchange, idle));
    }

    @Override
    public StreamSinkConduit wrap(ConduitFactory<StreamSinkConduit> factory, HttpServerExchange ex) {
        return new AbstractStreamSinkConduit<StreamSinkConduit>(factory.create()) {
            @Override
            public int write(ByteBuffer src) throws IOException {
                return (int) wrote(next.write(src), src.hasRemaining());
            }

            @Override
            public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
                long written = next.write(srcs, offs, len);
                return wrote(written, written == 0);
            }

            @Override
            public int writeFinal(ByteBuffer src) throws IOException {
                return (int) wrote(next.writeFinal(src), src.hasRemaining());
            }

            @Override
            public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
                long written = next.writeFinal(srcs, offs, len);
                return wrote(written, written == 0);
            }

            @Override
            public long transferFrom(FileChannel src, long position, long count) throws IOException {
                long written = next.transferFrom(src, position, count);
                return wrote(written, written == 0);
            }

            @Override
            public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer)
                    throws IOException {
                long written = next.transferFrom(source, count, throughBuffer);
                return wrote(written, written == 0);
            }

            @Override
            public boolean flush() throws IOException {
                boolean flushed = next.flush();
                if (flushed) {
                    waiting = false;
                } else {
                    stuck();
                }
                return flushed;
            }
        };
    }

    /** Notes a write's count and whether it left bytes behind; returns the count. */
    private long wrote(long written, boolean leftBehind) {
        if (written > 0) {
            lastBytes = System.nanoTime();
        }
        if (leftBehind) {
            stuck();
        } else {
            waiting = false;
        }
        return written;
    }

    private void stuck() {
        waiting = true;
        if (armed.compareAndSet(false, true)) {
            schedule(idleNanos);
        }
    }

    private void schedule(long nanos) {
        exchange.getIoThread().executeAfter(this, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)),
            TimeUnit.MILLISECONDS);
    }

    /** The timer, on the connection's I/O thread. */
    @Override
    public void run() {
        if (exchange.isResponseComplete() || !exchange.getConnection().isOpen()) {
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
        // a writer that found no room after the check above, and could not arm: armed for it (volatile order)
        if (waiting && armed.compareAndSet(false, true)) {
            schedule(idleNanos);
        }
    }
}
