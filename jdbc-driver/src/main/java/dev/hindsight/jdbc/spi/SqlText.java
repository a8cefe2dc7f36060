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
        int i = firstWord(sql);
        return sql.regionMatches(true, i, "insert", 0, 6)
            && (i + 6 == sql.length() || !Character.isLetterOrDigit(sql.charAt(i + 6)));
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

    /** The offset after the comment ({@code -- …} to the line's end, {@code /* … *\/}) at {@code i}, else {@code i}. */
    public static int afterComment(String sql, int i) {
        if (sql.startsWith("--", i)) {
            int end = sql.indexOf('\n', i);
            return end < 0 ? sql.length() : end + 1;
        }
        if (sql.startsWith("/*", i)) {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        return i;
    }
}
