package dev.hindsight.http.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;

/**
 * A request header a client may send once ({@code Authorization}, {@code Content-Type}, {@code Idempotency-Key}):
 * sent twice, which one counts would be this server's guess (taking the first, the order decided), so it is refused.
 */
public final class SingleHeader {

    private SingleHeader() {
    }

    /**
     * The value of header {@code name}, or {@code null} if it is absent.
     *
     * @throws ApiError 400 naming the header and how many times it was given, if more than once
     */
    public static String of(HttpServerExchange exchange, HttpString name) {
        HeaderValues values = exchange.getRequestHeaders().get(name);
        if (values != null && values.size() > 1) {
            throw ApiError.badRequest(name + " is given " + values.size() + " times; send it once");
        }
        return values == null ? null : values.getFirst();
    }
}
