package dev.hindsight.http.server;

import io.undertow.server.ConduitWrapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ConduitFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The timeout of a request body that stops arriving: once a reader of the body has waited for its next bytes for the
 * idle timeout, with none arriving, the connection is closed (there is no answer: the handler may be writing one).
 *
 * <p>Why ours: Undertow 2.3 has none for HTTP/1. Its {@code IDLE_TIMEOUT} option wraps each connection in a conduit
 * that is never given the value; its blocking input stream waits ten minutes; a non-blocking reader (the {@code /jdbc}
 * endpoint's, its own {@code Receiver}) waits for good. A client that sends a head and part of a body would hold its
 * connection, and a worker, as long as it liked.
 *
 * <p>It costs nothing on a body that arrives with its head: the timer starts only when a read finds no bytes yet.
 */
public final class StalledBody implements ConduitWrapper<StreamSourceConduit> {

    private final StallTimer timer;

    private StalledBody(HttpServerExchange exchange, Duration idle) {
        this.timer = StallTimer.of(exchange, idle);
    }

    /** Watches the body of {@code exchange}; call before anything reads it. */
    public static void watch(HttpServerExchange exchange, Duration idle) {
        exchange.addRequestWrapper(new StalledBody(exchange, idle));
    }

    @Override
    public StreamSourceConduit wrap(ConduitFactory<StreamSourceConduit> factory, HttpServerExchange ex) {
        return new AbstractStreamSourceConduit<StreamSourceConduit>(factory.create()) {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return (int) seen(next.read(dst));
            }

            @Override
            public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
                return seen(next.read(dsts, offs, len));
            }

            @Override
            public long transferTo(long position, long count, FileChannel target) throws IOException {
                return seen(next.transferTo(position, count, target));
            }

            @Override
            public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
                return seen(next.transferTo(count, throughBuffer, target));
            }
        };
    }

    /** Notes what a read returned (bytes, none yet: a wait, or the end) and returns it. */
    private long seen(long read) {
        if (read > 0) {
            timer.moved();
        }
        timer.waiting(read == 0);
        return read;
    }
}
