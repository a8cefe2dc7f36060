package dev.hindsight.http.api;

import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.WholeNumbers;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.util.Deque;

/** The path and query parameters of a request, parsed with errors that name the parameter and its value. */
final class Params {

    private Params() {
    }

    /** The value of the path template's {@code {name}}. */
    static String path(HttpServerExchange exchange, String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String value = match == null ? null : match.getParameters().get(name);
        if (value == null || value.isEmpty()) {
            throw ApiError.badRequest("path parameter " + name + " is missing");
        }
        return value;
    }

    /** The query parameter {@code name}, or {@code null} when absent or empty. */
    static String query(HttpServerExchange exchange, String name) {
        String value = queryKeepingEmpty(exchange, name); // given twice is refused first: fromSeq=&fromSeq=5 too
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The query parameter {@code name}, {@code ""} when given empty, or {@code null} when absent: for a parameter
     * whose empty value means something (a partition key that is the empty text), where {@link #query} takes it as
     * not given.
     */
    static String queryKeepingEmpty(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiError.badRequest("query parameter " + name + " is given " + values.size() + " times");
        }
        return values.peekFirst();
    }

    /** The query parameter {@code name} as a number in {@code [min, max]}, or {@code fallback} when absent. */
    static long queryLong(HttpServerExchange exchange, String name, long fallback, long min, long max) {
        String text = query(exchange, name);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = WholeNumbers.parse(text);
        } catch (NumberFormatException e) {
            // "99999999999999999999" is a whole number too: say the range, not only the kind
            throw ApiError.badRequest("query parameter " + name + " must be a whole number between " + min + " and "
                + max + ", was '" + text + "'");
        }
        if (value < min || value > max) {
            throw ApiError.badRequest("query parameter " + name + " must be between " + min + " and " + max
                + ", was " + value);
        }
        return value;
    }
}
