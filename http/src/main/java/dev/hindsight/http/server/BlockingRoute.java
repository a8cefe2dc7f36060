package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;

/**
 * Runs a route's handler on a worker thread in blocking mode (its work reads the log, runs SQL, waits for
 * projections: never on an XNIO I/O thread), and turns whatever it throws into the error body of SPEC §5: an
 * {@link ApiError} as it says, anything else as {@code 500 internal} with no stack trace and no exception text for the
 * client; the fault goes to the server's log ({@link RouteFailures}). After a {@code 413} (a body over the limit, left
 * unread) the connection is closed once the answer is out, so the rest of the body is never read, however long it is.
 * The server's routes read no body here ({@link #ignoringBody}): those that read one go through {@link BodyRoute},
 * which reads it before a worker is taken; the constructor wraps a route that reads its body itself, on the worker.
 */
public final class BlockingRoute implements HttpHandler {

    private final long maxBodyBytes;
    private final BoundWorkers bound;
    private final HttpHandler next;

    /**
     * Wraps {@code next}, a route that reads a body of at most {@code maxBodyBytes} (and enforces that as it reads):
     * a client that waits for {@code 100 Continue} before sending a body declared over it is answered {@code 413}
     * instead, and never sends it. The worker that answers waits for the connection's next request and runs it
     * itself ({@link Linger}) if {@code bound} lets it be bound to the connection.
     */
    public BlockingRoute(long maxBodyBytes, BoundWorkers bound, HttpHandler next) {
        this.maxBodyBytes = maxBodyBytes;
        this.bound = bound;
        this.next = next;
    }

    /**
     * Wraps {@code next}, a route that reads no body: a body sent anyway is read and dropped before it runs, and one
     * over {@code maxBodyBytes} (declared, or counted while read) is answered {@code 413} before it runs, the rest left
     * unread and the connection closed.
     */
    public static BlockingRoute ignoringBody(long maxBodyBytes, BoundWorkers bound, HttpHandler next) {
        return new BlockingRoute(maxBodyBytes, bound, new IgnoredBody(maxBodyBytes, next));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(Linger.watch(exchange, bound), this::answer); // none: a worker of the pool
            return;
        }
        Linger.watchIfBound(exchange); // read by the worker that answered the connection's last request
        answer(exchange);
    }

    private void answer(HttpServerExchange exchange) {
        try {
            exchange.startBlocking();
            if (HttpContinue.requiresContinueResponse(exchange)) {
                long declared = exchange.getRequestContentLength();
                if (declared > maxBodyBytes) {
                    throw ApiError.payloadTooLarge(maxBodyBytes, declared); // before the client sends a byte of it
                }
                // the client waits for this before it sends the body (curl would wait a second, others longer)
                HttpContinue.sendContinueResponseBlocking(exchange);
            }
            next.handleRequest(exchange);
        } catch (Exception | LinkageError | VirtualMachineError e) {
            // an OutOfMemoryError too (a JVM started without -XX:+ExitOnOutOfMemoryError goes on): left to the end of
            // the exchange below, it was answered 200 with an empty body, which a client takes for a whole answer
            RouteFailures.answer(exchange, e);
        } finally {
            exchange.endExchange();
        }
    }
}
