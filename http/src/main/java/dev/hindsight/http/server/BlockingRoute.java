package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.lang.System.Logger.Level;

/**
 * Runs a route's handler on a worker thread in blocking mode (its work reads the log, runs SQL, waits for
 * projections: never on an XNIO I/O thread), and turns whatever it throws into the error body of SPEC §5: an
 * {@link ApiError} as it says, a body over the limit as {@code 413}, anything else as {@code 500 internal} with no
 * stack trace and no exception text for the client; the fault goes to the server's log.
 */
public final class BlockingRoute implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(BlockingRoute.class.getName());

    private final HttpHandler next;

    /** Wraps {@code next}. */
    public BlockingRoute(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        try {
            exchange.startBlocking();
            next.handleRequest(exchange);
        } catch (ApiError e) {
            JsonResponses.sendError(exchange, e);
        } catch (RequestTooBigException e) {
            JsonResponses.sendError(exchange, ApiError.of(413, "payload_too_large", "the request body is larger than "
                + "the limit of " + exchange.getMaxEntitySize() + " bytes"));
        } catch (Exception | LinkageError e) {
            LOG.log(Level.ERROR, "request " + exchange.getRequestMethod() + " " + exchange.getRequestPath()
                + " failed", e);
            JsonResponses.sendError(exchange, ApiError.of(500, "internal",
                "internal error: the server's log has the details"));
        } finally {
            exchange.endExchange();
        }
    }
}
