package dev.hindsight.http.server;

import dev.hindsight.http.metrics.ServerMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Counts a route's requests by status once each is complete: {@code hindsight_http_requests_total{route, status}},
 * or {@code hindsight_http_requests_aborted_total{route}} for one that ended without an answer
 * (the route is its template, so the count of labels stays small whatever ids clients send; a request no route took,
 * a scan of unknown paths say, is counted as route {@value #NO_ROUTE}).
 */
public final class RequestMetrics implements HttpHandler {

    private final ServerMetrics meters;
    private final String route;
    private final HttpHandler next;

    /** The route label of a request no route took (a 404 for its path, a 405 for its method). */
    public static final String NO_ROUTE = "none";

    /** Counts the requests {@code next} answers for {@code route}. */
    public RequestMetrics(ServerMetrics meters, Route route, HttpHandler next) {
        this(meters, route.key(), next);
    }

    /** Counts the requests {@code next} answers under the label {@code route} ({@link #NO_ROUTE}). */
    public RequestMetrics(ServerMetrics meters, String route, HttpHandler next) {
        this.meters = meters;
        this.route = route;
        this.next = next;
        meters.routeServed(route);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            if (ex.isResponseStarted()) {
                meters.request(route, ex.getStatusCode());
            } else {
                meters.aborted(route); // ended unanswered: its status is Undertow's default 200, sent to nobody
            }
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
