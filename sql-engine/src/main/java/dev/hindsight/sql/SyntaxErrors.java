package dev.hindsight.sql;

import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A parse failure told as PostgreSQL tells it: {@code syntax error at or near "SELEC" (line 1, column 1)}. Calcite's
 * own words are kept where they already say what was expected; where they do not ("Non-query expression encountered
 * in illegal context", its answer to a misspelt first word, which it read as an expression) they are replaced.
 */
final class SyntaxErrors {

    private SyntaxErrors() {
    }

    static String describe(SqlParseException e, @Nullable String sql) {
        String message = String.valueOf(e.getMessage());
        if (!message.startsWith("Non-query expression encountered in illegal context") || sql == null) {
            return message;
        }
        SqlParserPos pos = e.getPos();
        String word = wordAt(sql, pos.getLineNum(), pos.getColumnNum());
        return "syntax error at or near \"" + word + "\" (line " + pos.getLineNum() + ", column " + pos.getColumnNum()
            + "): a statement starts with SELECT, WITH, VALUES, INSERT, EXPLAIN, SET or RESET";
    }

    /** The word starting at 1-based {@code line} and {@code column} of {@code sql}, or the whole line if none. */
    private static String wordAt(String sql, int line, int column) {
        String[] lines = sql.split("\n", -1);
        if (line < 1 || line > lines.length || column < 1 || column > lines[line - 1].length()) {
            return sql.strip();
        }
        String rest = lines[line - 1].substring(column - 1);
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end)) && rest.charAt(end) != '('
            && rest.charAt(end) != ';') {
            end++;
        }
        return end == 0 ? rest.strip() : rest.substring(0, end);
    }
}
