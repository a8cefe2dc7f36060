package dev.hindsight.http.metrics;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: {@link ServerMetrics#scrape} as Prometheus text. The scrape reads projection statuses, so it
 * runs off the I/O thread.
 */
public final class MetricsHandler implements HttpHandler {

    private final ServerMetrics metrics;

    /** Serves {@code metrics}. */
    public MetricsHandler(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, ServerMetrics.contentType());
        exchange.getResponseSender().send(metrics.scrape(), StandardCharsets.UTF_8);
    }
}
