package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import java.util.Locale;
import java.util.Objects;

/**
 * One route of the server: an HTTP method, a path template in Undertow's syntax ({@code /v1/streams/{streamId}}), who
 * may call it, the query parameters it takes, and the handler that answers. The handler runs behind the auth check
 * and the refusal of other query parameters; a {@link BlockingRoute} wrapper moves it off the I/O thread when it
 * blocks.
 *
 * @param method   upper-case HTTP method, e.g. {@code GET}
 * @param template path template, starting with {@code /}
 * @param access   who may call it
 * @param query    the query parameters it takes; a request with another is refused
 * @param handler  what answers
 */
public record Route(String method, String template, Access access, QueryParameters query, HttpHandler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(handler, "handler");
        if (!method.equals(method.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("HTTP method must be upper case, was " + method);
        }
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with /, was " + template);
        }
    }

    /** {@code GET /v1/streams/{streamId}}: how routes are named in messages, metrics and tests. */
    public String key() {
        return method + " " + template;
    }
}
