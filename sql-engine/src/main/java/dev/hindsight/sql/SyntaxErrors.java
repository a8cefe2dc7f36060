package dev.hindsight.sql;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A parse failure told as PostgreSQL tells it: {@code syntax error at or near "SELEC" (line 1, column 1)}, in place
 * of Calcite's page of expected token names or its "Non-query expression encountered in illegal context" (its answer
 * to a misspelt first word, which it read as an expression). Other parse messages (an interval's unknown unit, say)
 * already say what is wrong and are kept.
 */
final class SyntaxErrors {

    private static final Pattern ENCOUNTERED =
        Pattern.compile("Encountered \"(.*?)\" at line (\\d+), column (\\d+)\\.", Pattern.DOTALL);
    /** Calcite's words for a reserved word out of place, with the same page of token names after them. */
    private static final Pattern NEAR_KEYWORD =
        Pattern.compile("Incorrect syntax near the keyword '(.*?)' at line (\\d+), column (\\d+)\\.", Pattern.DOTALL);

    private SyntaxErrors() {
    }

    static String describe(SqlParseException e, @Nullable String sql) {
        if (e.getMessage() == null) {
            // the parser's own stack ran out (thousands of nested parentheses): Calcite keeps no message
            return e.getCause() instanceof StackOverflowError
                ? "syntax error: the statement is nested too deeply to parse"
                : "syntax error" + (e.getCause() == null ? "" : ": " + e.getCause());
        }
        String message = e.getMessage();
        Matcher encountered = ENCOUNTERED.matcher(message);
        if (encountered.lookingAt()) {
            return encountered(encountered, e.getExpectedTokenNames());
        }
        Matcher nearKeyword = NEAR_KEYWORD.matcher(message);
        if (nearKeyword.lookingAt()) {
            return encountered(nearKeyword, e.getExpectedTokenNames());
        }
        if (!message.startsWith("Non-query expression encountered in illegal context") || sql == null) {
            return message;
        }
        SqlParserPos pos = e.getPos();
        String word = wordAt(sql, pos.getLineNum(), pos.getColumnNum());
        return "syntax error at or near \"" + word + "\" (line " + pos.getLineNum() + ", column " + pos.getColumnNum()
            + "): a statement starts with SELECT, WITH, VALUES, INSERT, EXPLAIN, SET, RESET, SHOW, ALTER SESSION, "
            + "CREATE [OR REPLACE] PROJECTION or DROP PROJECTION";
    }

    /**
     * Calcite's {@code Encountered "one" at line 1, column 13. Was expecting one of: …} (a page of token names) as
     * {@code syntax error at or near "one" (line 1, column 13)} (at the end: {@code at end of input}, as PostgreSQL),
     * naming what was expected only when it is a few; its {@code Incorrect syntax near the keyword 'WHERE' …} alike.
     */
    private static String encountered(Matcher m, @Nullable Collection<String> expected) {
        // Calcite's text escapes a quote in the token with a backslash ("\"b\""): unescaped, as PostgreSQL shows it
        String token = m.group(1).replaceAll("\\\\(.)", "$1");
        String text = (token.endsWith("<EOF>") ? "syntax error at end of input"
            : "syntax error at or near \"" + token + "\"") + " (line " + m.group(2) + ", column " + m.group(3) + ")";
        if (expected != null && !expected.isEmpty() && expected.size() <= 4) {
            text += "; expected " + String.join(" or ", expected);
        }
        return text;
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
