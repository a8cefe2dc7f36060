package dev.hindsight.http.server;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import org.xnio.IoUtils;

/**
 * What a route's failure answers, on a worker or an I/O thread alike: an {@link ApiError} as it says (a {@code 413}
 * on a blocking worker, whose body is left unread, then closes the connection:
 * {@link JsonResponses#sendErrorAndClose}), anything else as {@code 500 internal} with no stack trace and no exception
 * text for the client; the fault itself goes to the server's log. A client gone mid-request is a line in the log.
 */
final class RouteFailures {

    private static final System.Logger LOG = System.getLogger(RouteFailures.class.getName());

    private RouteFailures() {
    }

    /**
     * Whether {@code failure} is the connection failing under the route: the JDK's and Undertow's I/O error for a
     * peer gone ("Broken pipe", "Connection reset", "UT000128: Remote peer closed connection before all data could be
     * read"), or a closed channel once the connection is closed ({@code connectionOpen} false). Other I/O errors (a
     * full disk, a damaged snapshot) are the server's own.
     */
    static boolean clientGone(Throwable failure, boolean connectionOpen) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException && !connectionOpen) {
                return true;
            }
            String message = t.getMessage();
            if (t.getClass() == IOException.class && message != null && (message.contains("Broken pipe")
                || message.contains("Connection reset") || message.startsWith("UT000128"))) {
                return true;
            }
        }
        return false;
    }

    static void answer(HttpServerExchange exchange, Throwable failure) {
        if (failure instanceof ApiError e && e.status() == 413 && exchange.isBlocking()) {
            JsonResponses.sendErrorAndClose(exchange, e);
        } else if (failure instanceof ApiError e) {
            JsonResponses.sendError(exchange, e);
        } else if (clientGone(failure, exchange.getConnection().isOpen())) {
            // a client that hangs up mid-body or mid-answer (or one cut by the idle timeout) is not the server's fault:
            // a line, not a stack trace of forty, which any client could have the log fill with
            LOG.log(Level.INFO, "request " + exchange.getRequestMethod() + " " + exchange.getRequestPath()
                + " ended: the client went away (" + failure + ")");
            IoUtils.safeClose(exchange.getConnection());
        } else {
            LOG.log(Level.ERROR, "request " + exchange.getRequestMethod() + " " + exchange.getRequestPath()
                + " failed", failure);
            JsonResponses.sendError(exchange, ApiError.of(500, "internal",
                "internal error: the server's log has the details"));
        }
    }
}
