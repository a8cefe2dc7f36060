package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.util.HashMap;
import java.util.Map;

/**
 * A route's path parameters ({@code {streamId}}, {@code {name}}) taken from the request's path as sent, each segment's
 * percent-escapes decoded exactly once, as strict UTF-8: {@code a%2Fb} is {@code a/b}, {@code a%252Fb} is
 * {@code a%2Fb}, and {@code %FF} (no UTF-8) or {@code %G1} (no escape) is a {@code 400} naming the parameter and the
 * problem. SPEC §1 lets a stream id hold any character but controls, {@code /} and {@code %} among them.
 *
 * <p>Design note: Undertow matches the route on the path as sent (the server turns its decoding off, see
 * {@link PercentEscapes}), whose segments line up with the template's one for one ({@code %2F} is not a separator), so
 * each parameter's segment is decoded here, and the match Undertow attached is replaced by one with these values.
 * Runs on the I/O thread, after the auth check.
 */
public final class PathParameters implements HttpHandler {

    private final String[] template;
    private final HttpHandler next;

    /** Decodes the parameters of {@code template} (Undertow's syntax) before {@code next} runs. */
    public PathParameters(String template, HttpHandler next) {
        this.template = template.split("/", -1);
        this.next = next;
    }

    /** Whether {@code template} has parameters to decode. */
    public static boolean needed(String template) {
        return template.indexOf('{') >= 0;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = rawPath(exchange);
        if (path.indexOf('%') < 0 && path.indexOf(';') < 0) {
            // nothing escaped, no path parameters for Undertow to strip: its values are the segments as sent, and
            // the common request (an append to a plain id) allocates nothing more here
            next.handleRequest(exchange);
            return;
        }
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String[] raw = path.split("/", -1);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String segment = template[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                if (i >= raw.length) {
                    JsonResponses.sendError(exchange, ApiError.badRequest("path parameter " + name + " is missing"));
                    return;
                }
                try {
                    values.put(name, decode(name, raw[i]));
                } catch (ApiError e) {
                    JsonResponses.sendError(exchange, e);
                    return;
                }
            }
        }
        exchange.putAttachment(PathTemplateMatch.ATTACHMENT_KEY, new PathTemplateMatch(
            match == null ? String.join("/", template) : match.getMatchedTemplate(), values));
        next.handleRequest(exchange);
    }

    /** The path as the request line carried it: no scheme and host (an absolute-form target), no query. */
    private static String rawPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int scheme = uri.indexOf("://");
            int path = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
            uri = path < 0 ? "/" : uri.substring(path);
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /**
     * {@code segment}, the value of parameter {@code name}, decoded ({@link PercentEscapes}; a {@code +} is itself).
     *
     * @throws ApiError 400 saying what is wrong: an escape that is not two hex digits, a character that should have
     *                  been escaped, bytes that are not UTF-8
     */
    static String decode(String name, String segment) {
        try {
            return PercentEscapes.decode(segment, false);
        } catch (PercentEscapes.Malformed e) {
            throw refused(name, segment, e.getMessage());
        }
    }

    private static ApiError refused(String name, String segment, String problem) {
        return ApiError.badRequest("path parameter " + name + " '" + segment + "' " + problem);
    }
}
