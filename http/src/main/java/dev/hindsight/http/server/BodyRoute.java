package dev.hindsight.http.server;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import org.xnio.IoUtils;

/**
 * A route that reads a body, run on a worker only once the whole body is in: the body is read without blocking, on
 * the I/O thread as its bytes arrive ({@link WholeBody}), within the server's budget for bodies being read
 * ({@link BodyBudget}); then the route answers from it on a worker in blocking mode, its failures answered as a
 * {@link BlockingRoute}'s are ({@link RouteFailures}).
 *
 * <pre>
 *   head: checked (415, a bad header: 4xx)  ─ declared over the limit: 413 ─┐ answered at once, body unread,
 *   "Expect: 100-continue": "100 Continue" sent without blocking             │ connection closed after it
 *   body: read as it arrives, on the I/O thread ─ over the limit (chunked): 413, budget spent: 503 ─┘
 *   whole: the route runs on a worker with it
 * </pre>
 *
 * <p>Why: a body read on a worker holds that worker while it arrives, and a client may send it a byte at a time, each
 * byte restarting the idle timer: forty such requests held all the workers, and no request of anyone else was answered
 * until they stopped. Read so, a slow body holds its bytes (within the budget) and its socket, not a thread.
 */
public final class BodyRoute implements HttpHandler {

    /** Checks a request from its head, before its body is read; throws an {@link ApiError} to refuse it. */
    @FunctionalInterface
    public interface HeadCheck {
        void check(HttpServerExchange exchange);
    }

    /** Answers a request from its whole body, on a blocking worker. */
    @FunctionalInterface
    public interface Handler {
        void answer(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private final int maxBodyBytes;
    private final BoundWorkers bound;
    private final BodyBudget budget;
    private final HeadCheck head;
    private final Handler handler;
    private final WholeBody.Refusals refusals;

    /**
     * @param maxBodyBytes the body limit (a declared length over it is refused before a byte is read; a chunked body
     *                     when it passes it)
     * @param bound        how many workers may be bound to their connections ({@link Linger})
     * @param budget       what bodies may hold at once, from their first bytes until their route has run, shared
     *                     with the server's other JSON routes that read one
     * @param head         refuses a request from its head
     * @param handler      answers from the body
     */
    public BodyRoute(long maxBodyBytes, BoundWorkers bound, BodyBudget budget, HeadCheck head, Handler handler) {
        this.maxBodyBytes = (int) Math.min(maxBodyBytes, Integer.MAX_VALUE - 8); // the largest array a JVM makes
        this.bound = bound;
        this.budget = budget;
        this.head = head;
        this.handler = handler;
        ApiError busy = ApiError.of(503, "server_busy", "the server is reading too many request bodies at once "
            + "(held by clients sending slowly, or waiting for busy workers): try again");
        this.refusals = new WholeBody.Refusals(refusal(ApiError.payloadTooLarge(this.maxBodyBytes, -1)),
            refusal(busy));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        try {
            head.check(exchange);
            long declared = exchange.getRequestContentLength();
            if (declared > maxBodyBytes) {
                throw ApiError.payloadTooLarge(maxBodyBytes, declared); // before the client sends a byte of it
            }
        } catch (ApiError e) {
            exchange.setPersistent(false); // the body is left unread: ending the exchange would read it to its end
            JsonResponses.sendError(exchange, e);
            return;
        }
        if (HttpContinue.requiresContinueResponse(exchange)) {
            // the client sends its body once this is out; the exchange stays open meanwhile (dispatched)
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> HttpContinue.sendContinueResponse(exchange,
                new IoCallback() {
                    @Override
                    public void onComplete(HttpServerExchange ex, Sender sender) {
                        read(ex);
                    }

                    @Override
                    public void onException(HttpServerExchange ex, Sender sender, IOException failure) {
                        IoUtils.safeClose(ex.getConnection()); // the client is gone: nobody to answer
                    }
                }));
            return;
        }
        read(exchange);
    }

    private void read(HttpServerExchange exchange) {
        WholeBody.read(exchange, maxBodyBytes, this::answer, refusals, bound, budget, false);
    }

    private void answer(HttpServerExchange exchange, byte[] body) {
        try {
            exchange.startBlocking();
            handler.answer(exchange, body);
        } catch (Exception | LinkageError | VirtualMachineError e) {
            RouteFailures.answer(exchange, e);
        } finally {
            exchange.endExchange();
        }
    }

    /**
     * A body refused while it is read: the answer, sent without blocking (on the I/O thread that refused it, whose
     * workers may all be busy), the rest left unread and the connection closed.
     */
    private static HttpHandler refusal(ApiError error) {
        return exchange -> {
            exchange.setPersistent(false); // ending the exchange would read the rest of the body first
            JsonResponses.sendError(exchange, error);
        };
    }
}
