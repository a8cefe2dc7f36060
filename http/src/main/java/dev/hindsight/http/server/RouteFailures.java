package dev.hindsight.http.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.lang.System.Logger.Level;

/**
 * What a route's failure answers, on a worker or an I/O thread alike: an {@link ApiError} as it says, a body over the
 * limit as {@code 413}, anything else as {@code 500 internal} with no stack trace and no exception text for the
 * client; the fault itself goes to the server's log.
 */
final class RouteFailures {

    private static final System.Logger LOG = System.getLogger(RouteFailures.class.getName());

    private RouteFailures() {
    }

    static void answer(HttpServerExchange exchange, Throwable failure) {
        if (failure instanceof ApiError e) {
            JsonResponses.sendError(exchange, e);
        } else if (failure instanceof RequestTooBigException) {
            JsonResponses.sendError(exchange, ApiError.of(413, "payload_too_large", "the request body is larger than "
                + "the limit of " + exchange.getMaxEntitySize() + " bytes"));
        } else {
            LOG.log(Level.ERROR, "request " + exchange.getRequestMethod() + " " + exchange.getRequestPath()
                + " failed", failure);
            JsonResponses.sendError(exchange, ApiError.of(500, "internal",
                "internal error: the server's log has the details"));
        }
    }
}
