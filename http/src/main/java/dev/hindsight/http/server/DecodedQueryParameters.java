package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Decodes the query parameters' names and values ({@link PercentEscapes}, a {@code +} a space) before the route sees
 * them, or refuses the request with {@code 400 bad_request}: {@code query parameter name value 'a%FF' is not UTF-8
 * once decoded: invalid byte FF} (a value of {@code name}), {@code query parameter name 'n%E9' …} (a name). Made by
 * {@link QueryParameters#guard}, before the check of unknown names. Cheap enough for the I/O thread: a query with
 * nothing escaped is passed on as Undertow split it.
 */
final class DecodedQueryParameters implements HttpHandler {

    /** How much of a value an answer echoes: the query is the client's, of any size. */
    private static final int MAX_ECHO = 64;

    private final HttpHandler next;

    DecodedQueryParameters(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String query = exchange.getQueryString();
        if (!query.isEmpty() && needsDecoding(query)) {
            Map<String, Deque<String>> sent = exchange.getQueryParameters();
            List<Map.Entry<String, Deque<String>>> raw = new ArrayList<>(sent.entrySet());
            List<String[]> decoded = new ArrayList<>();
            for (Map.Entry<String, Deque<String>> e : raw) {
                String name;
                try {
                    name = PercentEscapes.decode(e.getKey(), true);
                } catch (PercentEscapes.Malformed m) {
                    JsonResponses.sendError(exchange, ApiError.badRequest("query parameter name '" + echo(e.getKey())
                        + "' " + m.getMessage()));
                    return;
                }
                for (String value : e.getValue()) {
                    try {
                        decoded.add(new String[] {name, PercentEscapes.decode(value, true)});
                    } catch (PercentEscapes.Malformed m) {
                        JsonResponses.sendError(exchange, ApiError.badRequest("query parameter " + echo(name)
                            + " value '" + echo(value) + "' " + m.getMessage()));
                        return;
                    }
                }
            }
            sent.clear();
            for (String[] p : decoded) {
                exchange.addQueryParam(p[0], p[1]);
            }
        }
        next.handleRequest(exchange);
    }

    private static boolean needsDecoding(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+' || c >= 0x80) {
                return true;
            }
        }
        return false;
    }

    private static String echo(String text) {
        return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
    }
}
