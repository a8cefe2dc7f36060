package dev.hindsight.http.sse;

import dev.hindsight.log.EventLog;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * One subscribe route: reads the start point on a worker thread (it may touch the log's files), answers a bad
 * parameter with 400, and otherwise streams from the start point until the client goes ({@code HEAD}: answers the
 * head alone). Made by {@link SseSubscriptions}.
 */
final class SubscribeHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(SubscribeHandler.class.getName());

    /** What a client is told of a fault: as every route says it, with no exception's name or text. */
    private static final String INTERNAL = "internal error: the server's log has the details";

    private static final HttpString X_ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");

    private final SseSubscriptions owner;
    private final BiFunction<HttpServerExchange, EventLog, SubscribeStart> startPoint;

    SubscribeHandler(SseSubscriptions owner, BiFunction<HttpServerExchange, EventLog, SubscribeStart> startPoint) {
        this.owner = owner;
        this.startPoint = startPoint;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // a dispatched Runnable (not HttpHandler) keeps the exchange open when it returns: the stream outlives it
        Executor worker = exchange.getConnection().getWorker();
        exchange.dispatch(worker, () -> start(exchange, worker));
    }

    private void start(HttpServerExchange exchange, Executor worker) {
        SubscribeStart start;
        try {
            start = startPoint.apply(exchange, owner.log());
        } catch (BadSubscribeRequestException e) {
            sendError(exchange, StatusCodes.BAD_REQUEST, e.getMessage(), "bad_request");
            return;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "subscribe " + exchange.getRequestURI() + " failed", e);
            sendError(exchange, StatusCodes.INTERNAL_SERVER_ERROR, INTERNAL, "internal");
            return;
        }
        if (exchange.getConnection() instanceof HttpServerConnection connection && connection.getExtraBytes() != null) {
            // a stream never ends, so what came after it is never answered, and the connection could not be watched
            // for its client's hang-up: the subscription (and its thread) was held for good
            exchange.setPersistent(false);
            sendError(exchange, StatusCodes.BAD_REQUEST, "a subscription holds its connection to the end: send no "
                + "request after it on the same connection (no pipelining); use another connection", "bad_request");
            return;
        }
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        String key = head ? null : owner.admit(exchange);
        if (!head && key == null) {
            sendError(exchange, StatusCodes.TOO_MANY_REQUESTS, "too many subscriptions: this API key holds "
                + owner.settings().maxPerKey() + " open, the limit; close one first", "too_many_subscriptions");
            return;
        }
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders()
            .put(Headers.CONTENT_TYPE, "text/event-stream; charset=UTF-8")
            .put(Headers.CACHE_CONTROL, "no-cache")
            // for nginx in front: pass events on as they come
            .put(X_ACCEL_BUFFERING, "no");
        // the stream ends by closing the connection, never by a length or a last chunk a proxy might wait for
        exchange.setPersistent(false);
        if (head) {
            // the head a subscription would start with (RFC 9110: HEAD is GET without the body), and no stream. Its
            // channel is opened before the end: an exchange ended without one is given Content-Length: 0 by Undertow,
            // and a stream has no length. Not persistent either, so no chunked framing is claimed: the GET's head
            exchange.getResponseChannel();
            exchange.endExchange();
            return;
        }
        SseChannel channel = new SseChannel(exchange, owner.settings());
        channel.onClose(() -> owner.release(key));
        owner.track(channel);
        channel.start();
        try {
            owner.subscribe(start, channel, worker);
        } catch (RuntimeException e) {
            // the 200 is on its way: the failure can only be told in the stream
            LOG.log(System.Logger.Level.ERROR, "subscribe " + exchange.getRequestURI() + " failed", e);
            channel.closeWith(SseFrame.error(INTERNAL, "internal"));
        }
    }

    private static void sendError(HttpServerExchange exchange, int status, String message, String code) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(SseFrame.errorJson(message, code));
    }
}
