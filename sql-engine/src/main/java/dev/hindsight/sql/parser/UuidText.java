package dev.hindsight.sql.parser;

import java.util.UUID;

/**
 * A UUID's text as PostgreSQL reads it: 32 hex digits, either case, a hyphen allowed after any group of four, the
 * whole perhaps in braces ({@code 01a2475a-2267-7215-9180-43928561d060}, {@code {01A2475A22677215918043928561D060}}).
 * For text bound to a UUID parameter, which stayed text and compared unequal to every UUID, and text cast to a UUID,
 * which Java's {@code UUID.fromString} read ({@code '1-2-3-4-5'} was a UUID, braces an internal error).
 */
public final class UuidText {

    /** The start of the message of text that is no UUID, which a client sees as 22018, as text that is no number. */
    public static final String INVALID = "invalid input syntax for type uuid: ";

    private static final int DIGITS = 32;

    private UuidText() {
    }

    /**
     * The UUID {@code text} writes.
     *
     * @throws IllegalArgumentException starting {@link #INVALID}, naming the text
     */
    public static UUID parse(String text) {
        String t = text; // blanks around it refused, as PostgreSQL refuses them
        if (t.length() >= 2 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}') {
            t = t.substring(1, t.length() - 1);
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            int v = Character.digit(c, 16);
            if (c == '-' && digits > 0 && digits % 4 == 0 && digits < DIGITS && i + 1 < t.length()
                && t.charAt(i + 1) != '-') {
                continue; // after a group of four, never first, last or twice
            }
            if (v < 0 || c > 'f' || digits == DIGITS) { // Character.digit takes other scripts' digits too
                throw new IllegalArgumentException(INVALID + "'" + text + "'");
            }
            if (digits < DIGITS / 2) {
                high = high << 4 | v;
            } else {
                low = low << 4 | v;
            }
            digits++;
        }
        if (digits != DIGITS) {
            throw new IllegalArgumentException(INVALID + "'" + text + "'");
        }
        return new UUID(high, low);
    }
}
