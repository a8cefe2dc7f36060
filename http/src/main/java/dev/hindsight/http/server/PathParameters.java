package dev.hindsight.http.server;

import dev.hindsight.http.json.Utf8;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A route's path parameters ({@code {streamId}}, {@code {name}}) taken from the request's path as sent, each segment's
 * percent-escapes decoded exactly once, as strict UTF-8: {@code a%2Fb} is {@code a/b}, {@code a%252Fb} is
 * {@code a%2Fb}, and {@code %FF} (no UTF-8) or {@code %G1} (no escape) is a {@code 400} naming the parameter and the
 * problem. SPEC §1 lets a stream id hold any character but controls, {@code /} and {@code %} among them.
 *
 * <p>Design note: Undertow matches the route on the path it decoded, which keeps {@code %2F} encoded (so one segment
 * stays one segment: no decoded character is a {@code /}) but turns malformed UTF-8 into U+FFFD and decodes
 * {@code %2F} nowhere. The segments of the path as sent line up with the template's one for one, so each parameter's
 * segment is decoded here from the raw path instead, and the match Undertow attached is replaced by one with these
 * values. Runs on the I/O thread, after the auth check.
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
     * {@code segment}, the value of parameter {@code name}, with each {@code %XX} made its byte, as UTF-8.
     *
     * @throws ApiError 400 saying what is wrong: an escape that is not two hex digits, a character that should have
     *                  been escaped, bytes that are not UTF-8 (as {@link Utf8#problemAt} names them)
     */
    static String decode(String name, String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c >= 0x80) {
                throw refused(name, segment, "has a character that is not percent-encoded at index " + i);
            }
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
            if (lo < 0) {
                throw refused(name, segment, "has a % at index " + i + " that is not followed by two hex digits");
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        byte[] b = bytes.toByteArray();
        int bad = Utf8.invalidAt(b, 0, b.length);
        if (bad >= 0) {
            throw refused(name, segment, "is not UTF-8 once decoded: " + Utf8.problemAt(b, bad, b.length));
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static ApiError refused(String name, String segment, String problem) {
        return ApiError.badRequest("path parameter " + name + " '" + segment + "' " + problem);
    }
}
