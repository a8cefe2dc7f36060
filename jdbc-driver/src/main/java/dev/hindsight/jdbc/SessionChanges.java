package dev.hindsight.jdbc;

import java.util.Locale;

/**
 * Tells a statement that changes the server's session ({@code SET as_of}, {@code SET statement_timeout},
 * {@code RESET …}: SPEC §2) by its first word, after blanks and comments (from {@code --} to the line's end, and
 * between slash-star and star-slash). A text that merely holds the word later ({@code SELECT 'SET'}) is not one.
 */
final class SessionChanges {

    private SessionChanges() {
    }

    /** Whether {@code sql}'s first word is {@code SET} or {@code RESET}, in any case. */
    static boolean changesSession(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
        return word.equals("SET") || word.equals("RESET");
    }
}
