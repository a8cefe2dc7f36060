package dev.hindsight.sql.parser;

import java.util.Locale;

/**
 * Text that is a boolean as PostgreSQL reads it: {@code true}, {@code yes}, {@code on}, {@code 1} and
 * {@code false}, {@code no}, {@code off}, {@code 0}, in any case, with blanks around, and any prefix of
 * {@code true}, {@code false}, {@code yes} or {@code no} ({@code t}, {@code f}, {@code y}, {@code n}), and of
 * {@code off} from two letters ({@code o} alone could be either). Used for a cast of text to a BOOLEAN and for text
 * bound to a BOOLEAN parameter, so that both read the same words.
 */
public final class BooleanText {

    private BooleanText() {
    }

    /** The boolean {@code text} names, or {@code null} if it names none. */
    public static Boolean valueOf(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        if ("true".startsWith(t) || "yes".startsWith(t) || t.equals("on") || t.equals("1")) {
            return Boolean.TRUE;
        }
        if ("false".startsWith(t) || "no".startsWith(t) || (t.length() >= 2 && "off".startsWith(t))
            || t.equals("0")) {
            return Boolean.FALSE;
        }
        return null;
    }
}
