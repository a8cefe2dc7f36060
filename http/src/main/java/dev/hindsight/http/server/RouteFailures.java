package dev.hindsight.http.server;

import io.undertow.server.HttpServerExchange;
import java.lang.System.Logger.Level;

/**
 * What a route's failure answers, on a worker or an I/O thread alike: an {@link ApiError} as it says (a {@code 413}
 * on a blocking worker, whose body is left unread, then closes the connection:
 * {@link JsonResponses#sendErrorAndClose}), anything else as {@code 500 internal} with no stack trace and no exception
 * text for the client; the fault itself goes to the server's log.
 */
final class RouteFailures {

    private static final System.Logger LOG = System.getLogger(RouteFailures.class.getName());

    private RouteFailures() {
    }

    static void answer(HttpServerExchange exchange, Throwable failure) {
        if (failure instanceof ApiError e && e.status() == 413 && exchange.isBlocking()) {
            JsonResponses.sendErrorAndClose(exchange, e);
        } else if (failure instanceof ApiError e) {
            JsonResponses.sendError(exchange, e);
        } else {
            LOG.log(Level.ERROR, "request " + exchange.getRequestMethod() + " " + exchange.getRequestPath()
                + " failed", failure);
            JsonResponses.sendError(exchange, ApiError.of(500, "internal",
                "internal error: the server's log has the details"));
        }
    }
}
