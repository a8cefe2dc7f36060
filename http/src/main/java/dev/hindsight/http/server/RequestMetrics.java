package dev.hindsight.http.server;

import dev.hindsight.http.metrics.ServerMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Counts a route's requests by status once each is complete: {@code hindsight_http_requests_total{route, status}}
 * (the route is its template, so the count of labels stays small whatever ids clients send).
 */
public final class RequestMetrics implements HttpHandler {

    private final ServerMetrics meters;
    private final String route;
    private final HttpHandler next;

    /** Counts the requests {@code next} answers for {@code route}. */
    public RequestMetrics(ServerMetrics meters, Route route, HttpHandler next) {
        this.meters = meters;
        this.route = route.key();
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            meters.request(route, ex.getStatusCode());
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
