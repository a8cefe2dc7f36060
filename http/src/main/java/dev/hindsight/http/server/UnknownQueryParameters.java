package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refuses a request that sends a query parameter its route does not take, with {@code 400 bad_request}: {@code
 * unknown query parameter 'direction': GET /v1/events takes fromSeq, limit, name}. Made by
 * {@link QueryParameters#guard}. Cheap enough for the I/O thread: a request with no query string is passed on at
 * once, without the parameter map Undertow would make for it.
 */
final class UnknownQueryParameters implements HttpHandler {

    /** How many unknown names one answer lists, and how much of each: the query is the client's, of any size. */
    private static final int MAX_NAMED = 5;
    private static final int MAX_ECHO = 64;

    private final String template;
    private final Set<String> names;
    private final String takes;
    private final HttpHandler next;

    UnknownQueryParameters(String template, Set<String> names, HttpHandler next) {
        this.template = template;
        this.names = names;
        this.takes = names.isEmpty() ? "takes no query parameters" : "takes " + String.join(", ", names);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!exchange.getQueryString().isEmpty()) {
            List<String> unknown = new ArrayList<>();
            for (String name : exchange.getQueryParameters().keySet()) {
                if (!names.contains(name)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                JsonResponses.sendError(exchange, ApiError.badRequest(message(exchange, unknown)));
                return;
            }
        }
        next.handleRequest(exchange);
    }

    private String message(HttpServerExchange exchange, List<String> unknown) {
        StringBuilder m = new StringBuilder("unknown query parameter").append(unknown.size() == 1 ? " " : "s ");
        for (int i = 0; i < Math.min(unknown.size(), MAX_NAMED); i++) {
            String name = unknown.get(i);
            m.append(i == 0 ? "" : ", ").append('\'')
                .append(name.length() > MAX_ECHO ? name.substring(0, MAX_ECHO) + "..." : name).append('\'');
        }
        if (unknown.size() > MAX_NAMED) {
            m.append(" and ").append(unknown.size() - MAX_NAMED).append(" more");
        }
        return m.append(": ").append(exchange.getRequestMethod()).append(' ').append(template).append(' ')
            .append(takes).toString();
    }
}
