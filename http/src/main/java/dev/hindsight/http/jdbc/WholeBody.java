package dev.hindsight.http.jdbc;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * A request body read whole without blocking, then handed to a worker thread: read as far as it has arrived where it
 * is called (an I/O thread), the rest as it arrives. A body with a declared length goes into an array of exactly that
 * size; a chunked one into an array that doubles, up to the limit.
 *
 * <p>Undertow's {@code Receiver} does the same, but copies byte by byte into a synchronized stream and then once
 * more: a batch of a thousand rows is a few hundred kilobytes. A client that goes away mid-body has its connection
 * closed, and nothing runs.
 */
final class WholeBody implements ChannelListener<StreamSourceChannel> {

    /** What runs on a worker thread, as a root handler (it may dispatch again), with the body read whole. */
    @FunctionalInterface
    interface Then {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private static final int FIRST_CHUNKED_ARRAY = 8 * 1024;

    private final HttpServerExchange exchange;
    private final int max;
    private final boolean declared;
    private final Then then;
    private final HttpHandler tooLarge;
    private byte[] bytes;
    private int length;

    private WholeBody(HttpServerExchange exchange, int max, long declaredLength, Then then, HttpHandler tooLarge) {
        this.exchange = exchange;
        this.max = max;
        this.declared = declaredLength >= 0;
        this.then = then;
        this.tooLarge = tooLarge;
        this.bytes = new byte[declared ? (int) declaredLength : Math.min(FIRST_CHUNKED_ARRAY, max + 1)];
    }

    /**
     * Reads the body of {@code exchange} whole and dispatches {@code then} with it; if it turns out longer than {@code
     * max} bytes (a chunked body: one declared longer must be refused before this), dispatches {@code tooLarge}
     * instead, with the rest unread.
     */
    static void read(HttpServerExchange exchange, int max, Then then, HttpHandler tooLarge) {
        long declaredLength = exchange.getRequestContentLength();
        if (declaredLength > max) {
            throw new IllegalArgumentException("a body declared at " + declaredLength + " bytes is over the limit of "
                + max + ": refuse it before reading");
        }
        new WholeBody(exchange, max, declaredLength, then, tooLarge).readArrived(exchange.getRequestChannel());
    }

    @Override
    public void handleEvent(StreamSourceChannel channel) {
        readArrived(channel);
    }

    private void readArrived(StreamSourceChannel channel) {
        try {
            while (true) {
                // a full array of the declared size reads on to the end of the body (-1): that ends the request
                if (!declared && length == bytes.length) {
                    if (length > max) {
                        finish(channel, tooLarge);
                        return;
                    }
                    bytes = Arrays.copyOf(bytes, (int) Math.min((long) max + 1, 2L * length));
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
            IoUtils.safeClose(exchange.getConnection()); // the client is gone mid-body: there is no one to answer
            return;
        }
        if (length > max) {
            finish(channel, tooLarge);
            return;
        }
        byte[] body = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        finish(channel, ex -> then.handle(ex, body));
    }

    private void finish(StreamSourceChannel channel, HttpHandler next) {
        channel.getReadSetter().set(null);
        channel.suspendReads();
        // in the handler's call this runs once it returns; from the read listener, at once
        exchange.dispatch(next);
    }
}
