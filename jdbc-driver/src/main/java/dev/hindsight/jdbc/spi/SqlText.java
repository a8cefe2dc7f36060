package dev.hindsight.jdbc.spi;

/**
 * What a driver (or the engine, or the shell) tells of a statement by its text alone, before any parser has seen it:
 * where its first word starts, past white space, comments and opening parentheses, and where a comment ends.
 */
public final class SqlText {

    private SqlText() {
    }

    /** Whether the first word of {@code sql}, after white space, comments and opening parentheses, is INSERT. */
    public static boolean isInsert(String sql) {
        return firstWordIs(sql, "insert");
    }

    /** Whether the first word of {@code sql} ({@link #firstWord}) is {@code word}, in any case. */
    public static boolean firstWordIs(String sql, String word) {
        int i = firstWord(sql);
        int end = i + word.length();
        return sql.regionMatches(true, i, word, 0, word.length())
            && (end == sql.length() || (!Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_'));
    }

    /** The offset of the first word of {@code sql}, after white space, comments and opening parentheses. */
    public static int firstWord(String sql) {
        int i = 0;
        while (i < sql.length()) {
            int afterComment = afterComment(sql, i);
            if (afterComment > i) {
                i = afterComment;
            } else if (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /**
     * The offset after the comment at {@code i}, else {@code i}: as Calcite's lexer reads them, {@code -- …} and
     * {@code // …} run to a line feed, a carriage return or both, and {@code /* … *\/} to its first {@code *\/}.
     * (A line comment read to the line feed alone hid what followed a bare carriage return: {@code -- x\rINSERT …}
     * was taken for a comment only.)
     */
    public static int afterComment(String sql, int i) {
        if (sql.startsWith("--", i) || sql.startsWith("//", i)) {
            int end = i + 2;
            while (end < sql.length() && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
                end++;
            }
            return sql.startsWith("\r\n", end) ? end + 2 : Math.min(sql.length(), end + 1);
        }
        if (sql.startsWith("/*", i)) {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        return i;
    }
}
