package dev.hindsight.jdbc;

import java.util.Locale;

/**
 * Tells a statement that changes the server's session ({@code SET as_of}, {@code SET statement_timeout},
 * {@code RESET …}, {@code ALTER SESSION SET …}: SPEC §2) by its first words, after blanks and comments as the
 * server's parser reads them (from {@code --} or {@code //} to a newline or carriage return, and between slash-star
 * and star-slash). A text that merely holds the words later ({@code SELECT 'SET'}) is not one.
 */
final class SessionChanges {

    private SessionChanges() {
    }

    /** Whether {@code sql} starts with {@code SET}, {@code RESET} or {@code ALTER SESSION}, in any case. */
    static boolean changesSession(String sql) {
        int first = wordAfterBlanks(sql, 0);
        String word = word(sql, first);
        if (word.equals("ALTER")) {
            return word(sql, wordAfterBlanks(sql, first + word.length())).equals("SESSION");
        }
        return word.equals("SET") || word.equals("RESET");
    }

    /** Where the next word starts at or after {@code from}: past blanks and comments. */
    private static int wordAfterBlanks(String sql, int from) {
        int i = from;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i) || sql.startsWith("//", i)) {
                // to the line's end, as the server's parser takes them: a newline or a carriage return
                int end = i + 2;
                while (end < n && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
                    end++;
                }
                i = end;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** The letters at {@code start}, upper-cased; empty if none. */
    private static String word(String sql, int start) {
        int i = start;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
