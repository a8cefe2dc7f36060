package dev.hindsight.http.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.util.Locale;

/**
 * Refuses a request whose body's length this server and Undertow could read differently, before anything reads it.
 *
 * <ul>
 *   <li>{@code Content-Length} must be 1 to 18 decimal digits. Undertow 2.3 reads the digits of a longer one without
 *       checking for overflow: {@code 18446744073709551616} (2^64) framed the body as 0 bytes long, so the body was
 *       parsed as the connection's next request and run (an append inside a SQL request's body was written), while
 *       {@code getRequestContentLength()} threw on the same header.</li>
 *   <li>{@code Transfer-Encoding} must be {@code chunked} alone. Undertow decodes any value as chunked ({@code gzip},
 *       {@code xchunked}, {@code x, chunked}): a proxy in front that reads such a body another way and this server
 *       would disagree on where the request ends, the way requests are smuggled (RFC 9112 §6.3: 400, and close).</li>
 * </ul>
 *
 * The answer is 400 with the error's JSON shape, naming the header, and the connection closes after it: where the
 * request ended is not known, so no next request is read from it.
 */
public final class RequestFraming {

    /** 18 digits: every such number fits a {@code long}, and no body this server takes is near it. */
    private static final int MAX_LENGTH_DIGITS = 18;

    private RequestFraming() {
    }

    /** Sends the 400 and returns {@code true} if {@code exchange}'s framing headers are refused; else {@code false}. */
    public static boolean refused(HttpServerExchange exchange) {
        String problem = problem(exchange);
        if (problem == null) {
            return false;
        }
        exchange.setPersistent(false);
        JsonResponses.sendError(exchange, ApiError.badRequest(problem));
        return true;
    }

    private static String problem(HttpServerExchange exchange) {
        HeaderValues length = exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH);
        if (length != null) {
            for (String value : length) {
                if (!isLength(value)) {
                    return "Content-Length '" + shown(value) + "' is not a length this server reads: 1 to "
                        + MAX_LENGTH_DIGITS + " digits";
                }
            }
        }
        HeaderValues coding = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
        if (coding != null) {
            for (String value : coding) {
                if (!"chunked".equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return "Transfer-Encoding '" + shown(value) + "' is not one this server reads: only chunked";
                }
            }
        }
        return null;
    }

    private static boolean isLength(String value) {
        return value.length() <= MAX_LENGTH_DIGITS && WholeNumbers.digitsFrom(value, 0);
    }

    /** A header's value as an error repeats it: at most 40 characters. */
    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
