package dev.hindsight.jdbc.spi;

/** What a driver tells of a statement by its text alone, before any server has seen it. */
public final class SqlText {

    private SqlText() {
    }

    /** Whether the first word of {@code sql}, after white space, comments and opening parentheses, is INSERT. */
    public static boolean isInsert(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return sql.regionMatches(true, i, "insert", 0, 6)
            && (i + 6 == sql.length() || !Character.isLetterOrDigit(sql.charAt(i + 6)));
    }
}
