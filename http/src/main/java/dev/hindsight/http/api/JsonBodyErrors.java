package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.hindsight.http.json.DuplicateKeys;
import dev.hindsight.http.server.ApiError;
import java.io.IOException;
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

    private JsonBodyErrors() {
    }

    /** The error for {@code e}, thrown by {@code parser} (which is left where it stopped). */
    static ApiError of(JsonProcessingException e, JsonParser parser, StreamReadConstraints limits) {
        String where = where(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            return ApiError.badRequest("the body is " + limit(e.getOriginalMessage(), limits) + where);
        }
        String duplicate = DuplicateKeys.refusal(e, parser, where);
        if (duplicate != null) {
            return ApiError.badRequest(duplicate);
        }
        String plain = plain(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        return ApiError.badRequest("the body is not valid JSON" + (plain.isEmpty() ? "" : ": " + plain) + where);
    }

    /** A number in the body whose exponent no number can hold; {@code parser} is left at it. */
    static ApiError numberOutOfRange(JsonParser parser) {
        String text;
        try {
            text = parser.getText();
        } catch (IOException e) {
            text = null;
        }
        if (text != null && text.length() > 40) {
            text = text.substring(0, 40) + "…";
        }
        return ApiError.badRequest("the body holds a JSON number out of range" + (text == null ? "" : ", " + text)
            + where(parser.currentLocation()) + ": its exponent is beyond " + Integer.MAX_VALUE);
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
     * class or feature name (between backquotes) is left, only the clause before it ({@code Non-standard token 'NaN'}),
     * if a feature named in single quotes, the parenthesis it stands in; empty if nothing plain is left.
     */
    private static String plain(String message) {
        String m = START_MARKER.matcher(message).replaceAll("");
        int internal = firstInternal(m);
        if (internal < 0) {
            return m;
        }
        // "... maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled ...)"
        int aside = m.startsWith(FEATURE, internal) ? m.lastIndexOf(" (", internal) : -1;
        if (aside > 0) {
            return m.substring(0, aside);
        }
        int clause = m.lastIndexOf(": ", internal);
        return clause > 0 ? m.substring(0, clause) : "";
    }

    /** How Jackson names one of its features in single quotes, where other names stand in backquotes. */
    private static final String FEATURE = "Feature '";

    private static int firstInternal(String m) {
        int first = -1;
        for (String marker : new String[] {"`", "[Source", FEATURE}) {
            int at = m.indexOf(marker);
            first = at < 0 ? first : first < 0 ? at : Math.min(first, at);
        }
        return first;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
