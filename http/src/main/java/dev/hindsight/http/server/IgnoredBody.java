package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * Runs a route that reads no body (every {@code GET}, a {@code DELETE}, a rebuild) once the body a client sent anyway
 * is read and dropped, counted against the request body limit as the routes that read theirs count it (the body's
 * bytes, not a chunked body's framing). A {@code Content-Length} over the limit, or a body that passes it while read,
 * is {@code 413 payload_too_large} before the route runs; {@link BlockingRoute} then closes the connection with the
 * rest unread. A body within the limit is dropped, as before. A request without a body, nearly every one, costs one
 * check. Runs on a blocking worker: made by {@link BlockingRoute#ignoringBody}.
 */
final class IgnoredBody implements HttpHandler {

    private static final int BUFFER_BYTES = 8_192;

    private final long maxBodyBytes;
    private final HttpHandler route;

    IgnoredBody(long maxBodyBytes, HttpHandler route) {
        this.maxBodyBytes = maxBodyBytes;
        this.route = route;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!exchange.isRequestComplete()) {
            drop(exchange);
        }
        route.handleRequest(exchange);
    }

    private void drop(HttpServerExchange exchange) throws IOException {
        long declared = exchange.getRequestContentLength();
        if (declared > maxBodyBytes) {
            throw ApiError.payloadTooLarge(maxBodyBytes, declared);
        }
        // not closed: closing reads the body to its end, and the end of one over the limit may never come
        InputStream in = exchange.getInputStream();
        byte[] buffer = new byte[BUFFER_BYTES];
        long read = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            read += n;
            if (read > maxBodyBytes) {
                throw ApiError.payloadTooLarge(maxBodyBytes, -1);
            }
        }
    }
}
