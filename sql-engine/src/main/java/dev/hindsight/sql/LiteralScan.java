package dev.hindsight.sql;

import dev.hindsight.sql.parser.IsoTimestampText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement's text cut into what a literal may change and what it may not, without parsing it: a few µs where
 * Calcite's parser takes a hundred or more. The key is the text with every literal that could be lifted
 * ({@link LiftedStatement}) replaced by a mark of its type; two texts with one key differ only in such literals'
 * values. Which of them are lifted, the parse of the first text decides ({@link PlanCache.Decision}).
 *
 * <pre>
 *   SELECT COUNT(*) FROM events WHERE stream_id = 'o-42' AND seq &lt; 100 -- x
 *   key:        SELECT COUNT(*) FROM events WHERE stream_id = ⟨VARCHAR⟩ AND seq &lt; ⟨INTEGER⟩ -- x
 *   candidates: 'o-42' [45, 51), 100 [62, 65)
 * </pre>
 *
 * <p>Lexical rules as the connection's parser has them ({@link ConnectionSettings}): {@code '...'} strings with
 * {@code ''} inside, {@code "..."} identifiers, {@code --} and {@code /* *}{@code /} comments, numbers. A string right
 * after a word ({@code DATE '...'}, {@code X'...'}, {@code _utf8'...'}) is part of a typed literal and stays in the
 * key, except {@code TIMESTAMP '...'}, a candidate of its own. A {@code ?} of the statement's own, or text the rules
 * cannot cut (an open string or comment), gives no scan. The parser also takes {@code //} for a line comment, which
 * the scan does not: it lifts literals after one, and the parse of the first text, which lifts none there, keeps
 * them in the key word for word ({@link PlanCache.Decision}).
 */
final class LiteralScan {

    /** A literal that could be lifted: where it is, and the literal as Calcite's parser would make it. */
    record Candidate(int start, int end, SqlLiteral literal) {
    }

    private static final char MARK = '\u0001';

    final String key;
    final List<Candidate> candidates;

    private LiteralScan(String key, List<Candidate> candidates) {
        this.key = key;
        this.candidates = candidates;
    }

    /** The scan of {@code sql}, or {@code null} if it cannot be cut safely. */
    static @Nullable LiteralScan of(String sql) {
        StringBuilder key = new StringBuilder(sql.length());
        List<Candidate> candidates = new ArrayList<>();
        int n = sql.length();
        int copied = 0;
        int lastWordStart = -1;
        int lastWordEnd = -1;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = stringEnd(sql, i);
                if (end < 0) {
                    return null;
                }
                boolean typed = lastWordEnd == i || (lastWordEnd >= 0 && blank(sql, lastWordEnd, i)
                    && typedLiteralWord(sql.substring(lastWordStart, lastWordEnd)));
                String value = sql.substring(i + 1, end - 1).replace("''", "'");
                int start = i;
                SqlLiteral literal = null;
                if (typed && sql.regionMatches(true, lastWordStart, "TIMESTAMP", 0, 9)
                    && lastWordEnd - lastWordStart == 9) {
                    start = lastWordStart;
                    String exact = IsoTimestampText.exactText(value); // no rounding: calciteText's when not finer
                    if (IsoTimestampText.finerThanMillis(exact)) {
                        return null; // finer than a millisecond: rounded, or cut as an AS OF point; the parse knows
                    }
                    literal = LiftedStatement.resolved(SqlLiteral.createUnknown("TIMESTAMP", exact,
                        SqlParserPos.ZERO)); // as the parser makes it
                } else if (!typed) {
                    literal = SqlLiteral.createCharString(value, SqlParserPos.ZERO);
                }
                if (literal != null && LiftedStatement.liftable(literal) && (end == n || sql.charAt(end) != '\'')) {
                    copied = mark(sql, key, copied, start, end, literal, candidates);
                }
                lastWordEnd = -1;
                i = end;
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == '"') {
                    end = sql.indexOf('"', end + 2);
                }
                if (end < 0) {
                    return null;
                }
                lastWordEnd = -1;
                i = end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return null;
                }
                i = end + 2;
            } else if (c == '?') {
                return null;
            } else if (digit(c) || (c == '.' && i + 1 < n && digit(sql.charAt(i + 1)))) {
                int end = numberEnd(sql, i);
                boolean partOfWord = i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_'
                    || sql.charAt(i - 1) == '$');
                boolean wordAfter = end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_');
                if (!partOfWord && !wordAfter) {
                    String text = sql.substring(i, end);
                    SqlLiteral literal = text.indexOf('e') >= 0 || text.indexOf('E') >= 0
                        ? SqlLiteral.createApproxNumeric(text, SqlParserPos.ZERO)
                        : SqlLiteral.createExactNumeric(text, SqlParserPos.ZERO);
                    if (LiftedStatement.liftable(literal)) {
                        copied = mark(sql, key, copied, i, end, literal, candidates);
                    }
                }
                lastWordEnd = -1;
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                    || sql.charAt(end) == '$')) {
                    end++;
                }
                lastWordStart = i;
                lastWordEnd = end;
                i = end;
            } else {
                if (!Character.isWhitespace(c)) {
                    lastWordEnd = -1;
                }
                i++;
            }
        }
        key.append(sql, copied, n);
        return new LiteralScan(key.toString(), List.copyOf(candidates));
    }

    private static int mark(String sql, StringBuilder key, int copied, int start, int end, SqlLiteral literal,
                            List<Candidate> candidates) {
        key.append(sql, copied, start).append(MARK).append(LiftedStatement.typeOf(literal)).append(MARK);
        candidates.add(new Candidate(start, end, literal));
        return end;
    }

    /** The index just after the string starting at {@code start}, or -1 if it is not closed. */
    private static int stringEnd(String sql, int start) {
        int i = start + 1;
        while (true) {
            int q = sql.indexOf('\'', i);
            if (q < 0) {
                return -1;
            }
            if (q + 1 < sql.length() && sql.charAt(q + 1) == '\'') {
                i = q + 2; // '' inside a string
            } else {
                return q + 1;
            }
        }
    }

    private static int numberEnd(String sql, int start) {
        int n = sql.length();
        int i = start;
        while (i < n && digit(sql.charAt(i))) {
            i++;
        }
        if (i < n && sql.charAt(i) == '.') {
            i++;
            while (i < n && digit(sql.charAt(i))) {
                i++;
            }
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j < n && digit(sql.charAt(j))) {
                i = j;
                while (i < n && digit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    /**
     * Whether {@code c} is a digit as the parser's lexer has them, ASCII only: {@code Character.isDigit} takes
     * {@code ٣} and {@code ３}, which BigDecimal reads as 3, so a text with one ran the plan of a text with an ASCII
     * number in its place, where the parser refuses it (42703, 42601); an INSERT so was appended.
     */
    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean blank(String sql, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(sql.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a word before a string makes it a typed literal rather than a string of its own. */
    private static boolean typedLiteralWord(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "AND", "OR", "NOT", "IN", "LIKE", "BETWEEN", "THEN", "ELSE", "WHEN", "CASE", "SELECT", "WHERE",
                 "ON", "BY", "AS", "IS", "ESCAPE", "VALUES", "HAVING", "END", "SIMILAR", "TO", "ALL", "ANY",
                 "SOME", "DISTINCT", "FROM" -> false;
            default -> true; // DATE, TIME, TIMESTAMP, INTERVAL, X, N, U, _charset, ...: a typed literal
        };
    }
}
