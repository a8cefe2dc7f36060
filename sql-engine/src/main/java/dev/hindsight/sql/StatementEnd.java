package dev.hindsight.sql;

/**
 * A statement's text without the semicolons that end it: {@code SELECT 1;} is {@code SELECT 1}, as PostgreSQL and its
 * driver take it, and as SPEC §2 writes its examples; Calcite's parser wants the statement and nothing after it
 * (42601 at the {@code ;}). Only semicolons and blanks at the very end go: a semicolon between two statements stays,
 * and so does Calcite's error for it, as one statement is what a JDBC call runs.
 */
public final class StatementEnd {

    private StatementEnd() {
    }

    /** {@code sql} without the semicolons and blanks at its end; {@code sql} itself if it has none. */
    public static String trimmed(String sql) {
        int end = sql.length();
        while (end > 0 && (sql.charAt(end - 1) == ';' || Character.isWhitespace(sql.charAt(end - 1)))) {
            end--;
        }
        if (end == sql.length() || sql.indexOf(';', end) < 0) {
            return sql; // blanks alone at the end: the text as given, so the plan cache keeps its key
        }
        return sql.substring(0, end);
    }
}
