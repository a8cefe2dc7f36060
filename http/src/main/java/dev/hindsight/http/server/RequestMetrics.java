package dev.hindsight.http.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Counts a route's requests by status once each is complete: {@code hindsight_http_requests_total{route, status}}
 * (the route is its template, so the count of labels stays small whatever ids clients send).
 */
public final class RequestMetrics implements HttpHandler {

    private final MeterRegistry meters;
    private final String route;
    private final HttpHandler next;

    /** Counts the requests {@code next} answers for {@code route}. */
    public RequestMetrics(MeterRegistry meters, Route route, HttpHandler next) {
        this.meters = meters;
        this.route = route.key();
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            Counter.builder("hindsight.http.requests")
                .description("HTTP requests answered, by route and status")
                .tag("route", route)
                .tag("status", Integer.toString(ex.getStatusCode()))
                .register(meters)
                .increment();
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
