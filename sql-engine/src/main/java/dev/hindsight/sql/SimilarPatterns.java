package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code SIMILAR TO} as PostgreSQL matches it. Calcite handed the pattern's {@code .}, {@code ^} and {@code $} to
 * Java's regular expressions as they were ({@code 'abc' SIMILAR TO 'a.c'} was true; in SQL's {@code SIMILAR TO} a
 * period is a period), had no escape character unless one was written (PostgreSQL's is the backslash:
 * {@code '50\%'}), and refused a brace that starts no bound. The convertlet turns the call into {@link #similar} or
 * {@link #similarEscaped}, which translate the pattern as PostgreSQL's {@code similar_escape} does:
 *
 * <pre>
 *   SQL pattern          Java regular expression (the whole value must match; . matches line ends too)
 *   %  _                 .*  .
 *   ( )                  (?: )
 *   | * + ? {m,n}        the same
 *   [...]                a character class; [:alpha:] and its kin as \p{Alpha}…; other marks in it literal
 *   esc c                c itself (esc d, s, w and their capitals: digit, space, word character)
 *   esc "                nothing (the separators of SUBSTRING … SIMILAR; at most two)
 *   anything else        itself, literal (. ^ $ \ included)
 * </pre>
 *
 * The last pattern read is kept, so a column matched against one pattern translates it once. Public for Calcite's
 * generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class SimilarPatterns {

    private static final SqlUserDefinedFunction SIMILAR = HindsightConvertlets.function("HINDSIGHT_SIMILAR",
        ReturnTypes.BOOLEAN_NULLABLE, List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
        types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.VARCHAR)),
        SimilarPatterns.class, "similar");

    private static final SqlUserDefinedFunction SIMILAR_ESCAPED = HindsightConvertlets.function(
        "HINDSIGHT_SIMILAR_ESCAPED", ReturnTypes.BOOLEAN_NULLABLE,
        List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
        types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.VARCHAR),
            types.createSqlType(SqlTypeName.VARCHAR)),
        SimilarPatterns.class, "similarEscaped");

    /** POSIX's character classes by Java's names, Unicode's members as PostgreSQL's in a UTF-8 database. */
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(Map.entry("alpha", "Alpha"),
        Map.entry("digit", "Digit"), Map.entry("alnum", "Alnum"), Map.entry("upper", "Upper"),
        Map.entry("lower", "Lower"), Map.entry("space", "Space"), Map.entry("punct", "Punct"),
        Map.entry("xdigit", "XDigit"), Map.entry("blank", "Blank"), Map.entry("cntrl", "Cntrl"),
        Map.entry("graph", "Graph"), Map.entry("print", "Print"));

    /** The last pattern translated, with its escape: one reference, so a reader never sees half of an update. */
    private static volatile Compiled last = new Compiled("", "\\", Pattern.compile(""));

    private record Compiled(String pattern, String escape, Pattern regex) {
    }

    private SimilarPatterns() {
    }

    /** Whether {@code operator} is the one {@link #convertlet} takes ({@code NOT SIMILAR TO} becomes NOT of it). */
    static boolean applies(SqlOperator operator) {
        return SqlStdOperatorTable.SIMILAR_TO.equals(operator);
    }

    /** The convertlet of {@code SIMILAR TO}: {@code next}'s operands, matched by this class. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, sql) -> {
            RexNode converted = next.convertCall(cx, sql);
            if (!(converted instanceof RexCall call) || call.getOperands().size() < 2
                || call.getOperands().size() > 3) {
                return converted;
            }
            RexBuilder rex = cx.getRexBuilder();
            List<RexNode> operands = new ArrayList<>(call.getOperands());
            return rex.makeCall(call.getType(), operands.size() == 2 ? SIMILAR : SIMILAR_ESCAPED, operands);
        };
    }

    /** Whether all of {@code value} matches {@code pattern}, whose escape character is the backslash. */
    public static boolean similar(String value, String pattern) {
        return similarEscaped(value, pattern, "\\");
    }

    /** Whether all of {@code value} matches {@code pattern} with the escape character {@code escape} ('' for none). */
    public static boolean similarEscaped(String value, String pattern, String escape) {
        Compiled c = last;
        if (!c.pattern.equals(pattern) || !c.escape.equals(escape)) {
            c = new Compiled(pattern, escape, compile(pattern, escape));
            last = c;
        }
        return c.regex.matcher(value).matches();
    }

    private static Pattern compile(String pattern, String escape) {
        if (escape.length() > 1) {
            throw SqlErrors.of(SqlErrors.INVALID_ESCAPE_SEQUENCE, "invalid escape string '" + escape
                + "': an escape string must be empty or one character");
        }
        String regex = regex(pattern, escape.isEmpty() ? -1 : escape.charAt(0));
        try {
            return Pattern.compile(regex, Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw SqlErrors.of(SqlErrors.INVALID_REGULAR_EXPRESSION, "invalid regular expression '" + pattern
                + "' in SIMILAR TO: " + e.getDescription());
        }
    }

    /** {@code pattern} as a Java regular expression; {@code escape} is -1 when there is none. */
    static String regex(String pattern, int escape) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        int separators = 0;
        boolean inClass = false;
        int classStart = 0; // where the class's members start, after [ and an optional ^
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == escape) {
                if (++i == n) {
                    break; // PostgreSQL ignores an escape at the end
                }
                char escaped = pattern.charAt(i);
                if (escaped == '"' && !inClass) {
                    if (++separators > 2) {
                        throw SqlErrors.of(SqlErrors.INVALID_REGULAR_EXPRESSION, "SQL regular expression '"
                            + pattern + "' may not contain more than two escape-double-quote separators");
                    }
                } else if ("dDsSwW".indexOf(escaped) >= 0) {
                    out.append('\\').append(escaped);
                } else {
                    literal(out, escaped);
                }
            } else if (inClass) {
                if (c == ']' && i > classStart) {
                    out.append(']');
                    inClass = false;
                } else if (c == '[' && i + 1 < n && pattern.charAt(i + 1) == ':') {
                    int end = pattern.indexOf(":]", i + 2);
                    String java = end < 0 ? null : POSIX_CLASSES.get(pattern.substring(i + 2, end));
                    if (java == null) {
                        throw SqlErrors.of(SqlErrors.INVALID_REGULAR_EXPRESSION, "invalid character class in '"
                            + pattern + "' at position " + (i + 1));
                    }
                    out.append("\\p{").append(java).append('}');
                    i = end + 1;
                } else if (c == '-' && i > classStart && i + 1 < n && pattern.charAt(i + 1) != ']') {
                    out.append('-'); // a range: a-z
                } else {
                    literal(out, c);
                }
            } else {
                switch (c) {
                    case '%' -> out.append(".*");
                    case '_' -> out.append('.');
                    case '(' -> out.append("(?:");
                    case ')', '|', '*', '+', '?' -> out.append(c);
                    case '{' -> {
                        int end = bound(pattern, i);
                        if (end < 0) {
                            literal(out, c); // PostgreSQL: a brace that starts no bound is a brace
                        } else {
                            out.append(pattern, i, end + 1);
                            i = end;
                        }
                    }
                    case '[' -> {
                        out.append('[');
                        inClass = true;
                        classStart = i + 1;
                        if (classStart < n && pattern.charAt(classStart) == '^') {
                            out.append('^');
                            classStart++;
                            i++;
                        }
                    }
                    default -> literal(out, c);
                }
            }
        }
        if (inClass) {
            throw SqlErrors.of(SqlErrors.INVALID_REGULAR_EXPRESSION, "invalid regular expression '" + pattern
                + "': brackets [] not balanced");
        }
        return out.toString();
    }

    /** The index of the {@code }} that closes the bound {m}, {m,} or {m,n} opening at {@code open}, else -1. */
    private static int bound(String pattern, int open) {
        int i = open + 1;
        int digits = 0;
        boolean comma = false;
        for (; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == ',' && !comma && digits > 0) {
                comma = true;
            } else {
                break;
            }
        }
        return digits > 0 && i < pattern.length() && pattern.charAt(i) == '}' ? i : -1;
    }

    /** {@code c} as a Java regular expression matching it alone, in a character class or outside one. */
    private static void literal(StringBuilder out, char c) {
        if (c < 128 && !Character.isLetterOrDigit(c) && c != ' ') {
            out.append('\\');
        }
        out.append(c);
    }
}
