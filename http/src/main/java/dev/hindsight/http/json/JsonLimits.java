package dev.hindsight.http.json;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * The log's limits of an event's JSON (its {@code JsonObjectScanner}), for readers that check them before the log
 * does (an import line, the CLI's {@code --data}), and what to say of a text over one in the log's words: Jackson's
 * refusal names its classes ({@code from StreamReadConstraints.getMaxNestingDepth()}) and has no location.
 */
public final class JsonLimits {

    /** How deep {@code data} or {@code metadata} may nest, its own object the first level. */
    public static final int MAX_DEPTH = 256;
    /** The most digits of one number, as Jackson counts them (whole part, fraction and exponent). */
    public static final int MAX_NUMBER_DIGITS = 1000;
    /** The longest member name, in characters. */
    public static final int MAX_KEY_CHARS = 50_000;

    private JsonLimits() {
    }

    /** What is over a limit, after the name of what holds it: {@code " nests deeper than 256 levels"}. */
    public static String over(StreamConstraintsException e) {
        String jackson = String.valueOf(e.getOriginalMessage());
        return jackson.startsWith("Document nesting") ? " nests deeper than " + MAX_DEPTH + " levels"
            : jackson.startsWith("Number value length") ? " holds a number of more than " + MAX_NUMBER_DIGITS
            + " digits"
            : jackson.startsWith("Name length") ? " holds a key of more than " + MAX_KEY_CHARS + " characters"
            : " is over a limit of JSON text";
    }
}
