package dev.hindsight.http.server;

import io.undertow.server.ConduitWrapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ConduitFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
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
public final class StalledAnswer implements ConduitWrapper<StreamSinkConduit> {

    private final StallTimer timer;

    private StalledAnswer(HttpServerExchange exchange, Duration idle) {
        this.timer = StallTimer.of(exchange, idle);
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
                return wroteSome(next.write(srcs, offs, len));
            }

            @Override
            public int writeFinal(ByteBuffer src) throws IOException {
                return (int) wrote(next.writeFinal(src), src.hasRemaining());
            }

            @Override
            public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
                return wroteSome(next.writeFinal(srcs, offs, len));
            }

            @Override
            public long transferFrom(FileChannel src, long position, long count) throws IOException {
                return wroteSome(next.transferFrom(src, position, count));
            }

            @Override
            public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer)
                    throws IOException {
                return wroteSome(next.transferFrom(source, count, throughBuffer));
            }

            @Override
            public boolean flush() throws IOException {
                boolean flushed = next.flush();
                timer.waiting(!flushed);
                return flushed;
            }
        };
    }

    /** Notes a gathering or transferring write's count (none written: it waits for room); returns the count. */
    private long wroteSome(long written) {
        return wrote(written, written == 0);
    }

    /** Notes a write's count and whether it left bytes waiting for room; returns the count. */
    private long wrote(long written, boolean leftBehind) {
        if (written > 0) {
            timer.moved();
        }
        timer.waiting(leftBehind);
        return written;
    }
}
