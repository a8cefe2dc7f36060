package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.log.DuplicateKeys;
import dev.hindsight.log.JacksonWords;
import java.io.IOException;

/**
 * The {@code 400} for a request body Jackson refused, in our words: which key is duplicated (with its path, as
 * {@code [1].data.a}), which limit was passed, where the text stops being JSON. Jackson's own messages name its
 * classes and features ({@code StreamReadConstraints.getMaxNestingDepth()}, {@code JsonReadFeature...}), which a
 * client can do nothing with: those parts never reach the answer.
 */
final class JsonBodyErrors {

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
        String plain = JacksonWords.plain(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
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

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
