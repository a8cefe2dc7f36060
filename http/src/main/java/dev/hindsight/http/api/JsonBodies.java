package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.hindsight.http.json.Utf8;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.http.server.SingleHeader;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.List;

/**
 * A request's JSON body: {@code 415} for a declared content type other than {@code application/json} (UTF-8), checked
 * from the head before the body is read; {@code 400} for bytes, received whole ({@link
 * dev.hindsight.http.server.BodyRoute}, which answers {@code 413} for a body over the server's limit), that are not one
 * JSON value in well-formed UTF-8 with each key once per object.
 */
final class JsonBodies {

    /**
     * Numbers kept as written ({@code BigDecimal} for fractions, exactly: {@code 10.50} stays {@code 10.50}; integers
     * of any size): an event's {@code data} is stored from this tree, and a double would lose digits.
     */
    private static final ObjectReader EXACT = JsonResponses.MAPPER.reader()
        .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private JsonBodies() {
    }

    /**
     * {@code 415} unless the request's declared content type (if any) is {@code application/json} in UTF-8, and its
     * content coding (if any) {@code identity}: a body declared gzip'ed was read as it came (a gzip'ed one a 400 for
     * its bytes, a plain one so declared written), where RFC 9110 §8.4 answers a coding not taken with 415.
     */
    static void checkType(HttpServerExchange exchange) {
        String type = SingleHeader.of(exchange, Headers.CONTENT_TYPE); // RFC 9110 allows one
        if (type != null && !isJson(type)) {
            throw ApiError.of(415, "unsupported_media_type", "the body must be application/json (with no charset or "
                + "charset=utf-8), was " + type);
        }
        HeaderValues codings = exchange.getRequestHeaders().get(Headers.CONTENT_ENCODING);
        for (String coding : codings == null ? List.<String>of() : codings) {
            for (String one : coding.split(",", -1)) {
                if (!one.isBlank() && !one.strip().equalsIgnoreCase("identity")) {
                    throw ApiError.of(415, "unsupported_media_type", "the body must not be encoded (Content-Encoding "
                        + "identity or none), was " + coding.strip());
                }
            }
        }
    }

    /**
     * A whole body (within the limit: its declared length was checked before it was received), parsed: well-formed
     * UTF-8, one JSON value and nothing after it, each key once in each object.
     *
     * <p>Design note: the tree refuses a duplicate key as it is built ({@code FAIL_ON_READING_DUP_TREE_KEY}: no set of
     * keys per object, as the parser's own {@code STRICT_DUPLICATE_DETECTION} keeps on the I/O thread) and the parse
     * stops at the value's end, where one more token is asked for, so the body is walked by the parser once; only the
     * UTF-8 check is a pass of its own (Jackson lets overlong forms and encoded surrogates through), and that one
     * skips ASCII eight bytes at a time without allocating.
     */
    static JsonNode parse(byte[] body) throws IOException {
        return parse(body, false);
    }

    /** As {@link #parse(byte[])}, each fraction kept as it was spelled ({@link SpelledNumbers}): an append's body. */
    static JsonNode parseSpelled(byte[] body) throws IOException {
        return parse(body, true);
    }

    private static JsonNode parse(byte[] body, boolean spelled) throws IOException {
        if (body.length == 0) {
            throw ApiError.badRequest("the request body is empty: a JSON value is required");
        }
        int bad = Utf8.invalidAt(body, 0, body.length);
        if (bad >= 0) {
            throw ApiError.badRequest("the body is not valid UTF-8 at byte " + bad + ": "
                + Utf8.problemAt(body, bad, body.length));
        }
        int nul = nulAt(body);
        if (nul >= 0) {
            // NUL is UTF-8, but no JSON text holds one raw; Jackson, finding NULs among the first bytes, read the
            // body as UTF-16 or UTF-32 and took it, where http.md promises UTF-8 only
            throw ApiError.badRequest("the body is not UTF-8 JSON: a NUL byte at byte " + nul + " (a UTF-16 or "
                + "UTF-32 body? send UTF-8)");
        }
        try (JsonParser p = spelled ? new SpelledNumbers(EXACT.createParser(body)) : EXACT.createParser(body)) {
            JsonNode value = tree(p);
            if (value == null) {
                throw ApiError.badRequest("the request body is only white space: a JSON value is required");
            }
            JsonLocation end = p.currentLocation();
            if (more(p)) {
                throw JsonBodyErrors.trailing(end);
            }
            return value;
        }
    }

    /** The index of the body's first NUL byte, or -1. */
    private static int nulAt(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether anything but white space follows the value: another value, or text that is none. */
    private static boolean more(JsonParser p) throws IOException {
        try {
            return p.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    private static JsonNode tree(JsonParser p) throws IOException {
        try {
            return EXACT.readTree(p);
        } catch (JsonProcessingException e) {
            throw JsonBodyErrors.of(e, p, EXACT.getFactory().streamReadConstraints());
        } catch (NumberFormatException e) {
            // a number BigDecimal cannot hold (1e2147483648: its exponent passes an int); Jackson lets it through
            throw JsonBodyErrors.numberOutOfRange(p);
        }
    }

    /**
     * JSON as SPEC §5 has it, {@code application/json}, with no parameter but {@code charset=utf-8} (RFC 8259: JSON
     * between systems is UTF-8; the body is read as nothing else). Case-insensitive, spaces around the parts allowed.
     */
    private static boolean isJson(String contentType) {
        if (contentType.equalsIgnoreCase("application/json")
            || contentType.equalsIgnoreCase("application/json; charset=utf-8")) {
            return true; // what nearly every client sends, without splitting the header per append
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.isEmpty()) {
                continue; // RFC 9110 §5.6.6 lets a parameter list have empty elements: "application/json;"
            }
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq).strip();
            String value = eq < 0 ? "" : unquoted(parameter.substring(eq + 1).strip());
            if (!name.equalsIgnoreCase("charset") || !value.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
            ? value.substring(1, value.length() - 1) : value;
    }
}
