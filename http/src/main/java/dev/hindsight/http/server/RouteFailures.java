package dev.hindsight.http.server;

import io.undertow.server.HttpServerExchange;
import java.io.EOFException;
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
     * Whether {@code failure} is the connection failing under the route: a channel closed, or the plain I/O error
     * Undertow and the JDK raise for a peer gone ("Broken pipe", "Connection reset", "UT000128: Remote peer closed
     * connection before all data could be read", an early end of the body). Subclasses of {@code IOException} that
     * name something else (a parser's) are not.
     */
    static boolean clientGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException || t.getClass() == IOException.class
                || t.getClass() == EOFException.class) {
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
        } else if (clientGone(failure)) {
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
