package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.hindsight.http.server.ApiError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The {@code 400} for a request body Jackson refused, in our words: which key is duplicated (with its path, as
 * {@code [1].data.a}), which limit was passed, where the text stops being JSON. Jackson's own messages name its
 * classes and features ({@code StreamReadConstraints.getMaxNestingDepth()}, {@code JsonReadFeature...}), which a
 * client can do nothing with: those parts never reach the answer.
 */
final class JsonBodyErrors {

    /** What Jackson appends to an unclosed object or array's message: where it began, with its source's name. */
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source:.*?\\]\\)");
    /** The message Jackson's duplicate detection gives; the key is read from the parser's context instead. */
    private static final String DUPLICATE = "Duplicate field '";

    private JsonBodyErrors() {
    }

    /** The error for {@code e}, thrown while parsing with a parser now in {@code context}. */
    static ApiError of(JsonProcessingException e, JsonStreamContext context, StreamReadConstraints limits) {
        String where = where(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            return ApiError.badRequest("the body is " + limit(e.getOriginalMessage(), limits) + where);
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith(DUPLICATE)) {
            return ApiError.badRequest("field " + path(objectNaming(context, duplicateKey(message))) + " is given twice"
                + where + ": each key may appear once in an object");
        }
        String plain = plain(message);
        return ApiError.badRequest("the body is not valid JSON" + (plain.isEmpty() ? "" : ": " + plain) + where);
    }

    /** The body goes on after its one JSON value, which ended at {@code end}. */
    static ApiError trailing(JsonLocation end) {
        return ApiError.badRequest("the body goes on after its JSON value, which ends" + where(end)
            + ": send exactly one JSON value");
    }

    /**
     * Which limit a {@link StreamConstraintsException} reports, by the start of its message (the type is the same for
     * all), with the limit's value; an unknown one by its kind alone.
     */
    private static String limit(String message, StreamReadConstraints limits) {
        String m = message == null ? "" : message;
        if (m.startsWith("Document nesting depth")) {
            return "JSON nested deeper than " + limits.getMaxNestingDepth() + " levels";
        }
        if (m.startsWith("Number value length")) {
            return "a JSON number longer than " + limits.getMaxNumberLength() + " characters";
        }
        if (m.startsWith("String value length")) {
            return "a JSON string longer than " + limits.getMaxStringLength() + " characters";
        }
        if (m.startsWith("Name length")) {
            return "a JSON key longer than " + limits.getMaxNameLength() + " characters";
        }
        return "JSON over one of the server's parsing limits";
    }

    /**
     * Jackson's message without what names its internals: the source and start-marker part dropped, and, if a
     * class or feature name (between backquotes) is left, only the clause before it ({@code Non-standard token 'NaN'});
     * empty if nothing plain is left.
     */
    private static String plain(String message) {
        String m = START_MARKER.matcher(message).replaceAll("");
        int internal = firstInternal(m);
        if (internal < 0) {
            return m;
        }
        int clause = m.lastIndexOf(": ", internal);
        return clause > 0 ? m.substring(0, clause) : "";
    }

    private static int firstInternal(String m) {
        int tick = m.indexOf('`');
        int source = m.indexOf("[Source");
        return tick < 0 ? source : source < 0 ? tick : Math.min(tick, source);
    }

    /** The key the parser is at, with its path: {@code data.a}, {@code [1].data.a}. */
    /** The key in Jackson's {@code Duplicate field 'k' ...}, or {@code null}. */
    private static String duplicateKey(String message) {
        int end = message.indexOf('\'', DUPLICATE.length());
        return end < 0 ? null : message.substring(DUPLICATE.length(), end);
    }

    /**
     * The context of the object that holds {@code key}: the tree finds a duplicate once the repeated key's value is
     * read, so with an object or array for a value the parser is still in that value's context, one level too deep.
     */
    private static JsonStreamContext objectNaming(JsonStreamContext context, String key) {
        for (JsonStreamContext c = context; c != null && key != null; c = c.getParent()) {
            if (c.inObject() && key.equals(c.getCurrentName())) {
                return c;
            }
        }
        return context;
    }

    private static String path(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            steps.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        String path = String.join("", steps);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
