package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import java.util.function.Predicate;

/**
 * A route whose common case never blocks, answered on the XNIO I/O thread that read the request: the body is
 * received without blocking, then {@link BodyHandler} answers from it and sends its (small, whole) answer without
 * blocking. Handing a request to a worker and back costs two thread wake-ups, more than a short append itself on
 * this kind of machine (measured in docs/benchmarks.md), so a route whose work is a few microseconds of memory
 * writes is answered where it was read. A request {@code inline} refuses (it may wait: for a disk sync, for another
 * request) goes to {@code blocking}, a {@link BodyRoute}, as every other route that reads a body does. Failures are
 * answered as a {@link BlockingRoute} answers them.
 */
public final class IoThreadRoute implements HttpHandler {

    /** Answers a request from its whole body; must not block (it runs on an I/O thread). */
    @FunctionalInterface
    public interface BodyHandler {
        void answer(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private final long maxBodyBytes;
    private final Predicate<HttpServerExchange> inline;
    private final BodyHandler handler;
    private final HttpHandler blocking;
    private final BodyBudget budget;

    /**
     * @param maxBodyBytes the body limit: only a body that declares a {@code Content-Length} within it is received
     *                     here; a larger one, or a chunked one, goes to {@code blocking}, which refuses it unread
     * @param inline       whether a request can be answered on the I/O thread (from its headers, before the body is
     *                     read)
     * @param handler      answers such a request
     * @param blocking     answers every other request, on a worker
     * @param budget       what bodies being read may hold at once: a body received here reserves its declared length
     *                     (the array it is read into is that long from the start); one the budget has no room for goes
     *                     to {@code blocking}
     */
    public IoThreadRoute(long maxBodyBytes, Predicate<HttpServerExchange> inline, BodyHandler handler,
                         HttpHandler blocking, BodyBudget budget) {
        this.maxBodyBytes = maxBodyBytes;
        this.inline = inline;
        this.handler = handler;
        this.blocking = blocking;
        this.budget = budget;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long declared = exchange.getRequestContentLength();
        // a client expecting "100 Continue" gets it from the other path (BodyRoute)
        if (!exchange.isInIoThread() || declared < 0 || declared > maxBodyBytes
            || HttpContinue.requiresContinueResponse(exchange) || !inline.test(exchange)) {
            blocking.handleRequest(exchange);
            return;
        }
        // Undertow's receiver makes an array of the declared length before a byte of the body has come: a client
        // declaring bodies it sends slowly would hold that much per connection
        BodyBudget.Held held = budget.heldBy(exchange.getConnection());
        if (!held.reserve(declared)) {
            blocking.handleRequest(exchange);
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
            held.release(declared); // answered here and now: it waits for nothing
            try {
                handler.answer(ex, body);
            } catch (Exception | LinkageError | VirtualMachineError e) {
                RouteFailures.answer(ex, e);
            }
        }, (ex, failure) -> {
            held.release(declared);
            RouteFailures.answer(ex, failure);
        });
    }
}
