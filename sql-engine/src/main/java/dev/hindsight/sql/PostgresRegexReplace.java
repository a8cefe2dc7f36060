package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * PostgreSQL's {@code REGEXP_REPLACE(source, pattern, replacement [, flags])}. Calcite's handed the pattern to Java as
 * it was and its replacement to Java's {@code $n} syntax, so a POSIX class was a set of its letters
 * ({@code [[:upper:]]} removed an {@code e}), and a reference to a group the pattern lacks ({@code \1}) an internal
 * error. Here, as PostgreSQL:
 *
 * <pre>
 *   pattern       [[:name:]] inside brackets is the class (alpha, digit, upper, …); a ] first in brackets is itself;
 *                 . matches a line break and ^ $ the ends of the text, unless a flag says otherwise
 *   replacement   \1 … \9 the group (nothing if the pattern has no such group, or it matched nothing), \&amp; the
 *                 match, \\ one backslash, any other \ itself; everything else, $ included, literal
 *   flags         g every match (else the first); i / c case-insensitive / -sensitive; n or m newline-sensitive
 *                 (. stops at, ^ $ match at line breaks); p partial, w inverse partial; s the default; x expanded;
 *                 q the pattern is literal text; any other 22023
 * </pre>
 *
 * Public for Calcite's generated code, which calls {@link #replace}.
 */
@Strict // NULL in, NULL out
public final class PostgresRegexReplace {

    private static final SqlUserDefinedFunction FUNCTION = HindsightConvertlets.function("HINDSIGHT_REGEXP_REPLACE",
        ReturnTypes.VARCHAR_NULLABLE, List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER,
            SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
        types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.VARCHAR),
            types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.VARCHAR)),
        PostgresRegexReplace.class, "replace");

    /** Compiled patterns by their text and flags. */
    private static final PatternCache<Compiled> COMPILED = new PatternCache<>();

    /** A pattern with its flags: the cache's key. */
    private record Compiled(String pattern, String flags) {
    }

    private PostgresRegexReplace() {
    }

    /** Whether {@code operator} is Calcite's PostgreSQL {@code REGEXP_REPLACE}, which {@link #convertlet} replaces. */
    static boolean applies(SqlOperator operator) {
        return SqlLibraryOperators.REGEXP_REPLACE_PG_3.equals(operator)
            || SqlLibraryOperators.REGEXP_REPLACE_PG_4.equals(operator);
    }

    /** The call as {@link #replace}'s, with no flags for the three-operand form. */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            List<RexNode> operands = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                operands.add(cx.convertExpression(call.operand(i)));
            }
            operands.add(call.operandCount() > 3 ? cx.convertExpression(call.operand(3))
                : cx.getRexBuilder().makeLiteral(""));
            return cx.getRexBuilder().makeCall(cx.getValidator().getValidatedNodeType(call), FUNCTION, operands);
        };
    }

    /** {@code source} with the first match of {@code pattern} (each, with flag g) replaced as PostgreSQL does. */
    public static String replace(String source, String pattern, String replacement, String flags) {
        boolean global = flags.indexOf('g') >= 0;
        Matcher m = compiled(pattern, flags).matcher(source);
        StringBuilder out = new StringBuilder(source.length() + 16);
        int last = 0;
        int from = 0;
        while (from <= source.length() && m.find(from)) {
            out.append(source, last, m.start());
            substitute(out, m, replacement);
            if (out.length() > PaddedText.MAX_LENGTH) { // a replacement longer than its match, many times over
                throw GrowingText.tooLong("REGEXP_REPLACE of " + source.length() + " characters");
            }
            last = m.end();
            if (!global) {
                break;
            }
            // past an empty match by a whole character: Java's find steps one UTF-16 unit, so a pattern that matches
            // nothing (REGEXP_REPLACE('😀', '', '-', 'g')) cut a character beyond the BMP in two
            from = m.end() > m.start() ? m.end()
                : m.end() + (m.end() < source.length() ? Character.charCount(source.codePointAt(m.end())) : 1);
        }
        return out.append(source, last, source.length()).toString();
    }

    private static void substitute(StringBuilder out, Matcher m, String replacement) {
        int n = replacement.length();
        for (int i = 0; i < n; i++) {
            char c = replacement.charAt(i);
            char next = i + 1 < n ? replacement.charAt(i + 1) : 0;
            if (c != '\\' || next == 0) {
                out.append(c);
            } else if (next >= '1' && next <= '9') {
                int group = next - '0';
                String text = group <= m.groupCount() ? m.group(group) : null;
                out.append(text == null ? "" : text);
                i++;
            } else if (next == '&') {
                out.append(m.group());
                i++;
            } else if (next == '\\') {
                out.append('\\');
                i++;
            } else {
                out.append('\\'); // not special: kept, and the next character read as itself
            }
        }
    }

    /** {@code pattern} as Java's, with {@code flags} (each of {@link #replace}'s), compiled once. */
    static Pattern compiled(String pattern, String flags) {
        return COMPILED.get(new Compiled(pattern, flags), key -> {
            int javaFlags = javaFlags(key.flags());
            String java = key.flags().indexOf('q') >= 0 ? key.pattern()
                : javaPattern(key.pattern(), (javaFlags & Pattern.MULTILINE) != 0);
            try {
                return Pattern.compile(java, javaFlags);
            } catch (PatternSyntaxException e) {
                // said of the pattern as written, not as rewritten for Java ('a$' showed as 'a\z')
                throw new PatternSyntaxException(e.getDescription(), key.pattern(), -1);
            }
        });
    }

    private static int javaFlags(String flags) {
        boolean dotAll = true;
        boolean multiline = false;
        // case in any script (\w and the classes: javaPattern's); a line break is \n alone, as PostgreSQL's (Java's
        // are \r, U+0085, U+2028 and U+2029 too, for . and, newline-sensitive, for ^ and $)
        int other = Pattern.UNICODE_CASE | Pattern.UNIX_LINES;
        for (int i = 0; i < flags.length(); i++) {
            char f = flags.charAt(i);
            switch (f) {
                case 'g' -> {
                    // every match: replace's
                }
                case 'c' -> other &= ~Pattern.CASE_INSENSITIVE;
                case 'i' -> other |= Pattern.CASE_INSENSITIVE;
                case 's' -> {
                    dotAll = true;
                    multiline = false;
                }
                case 'n', 'm' -> {
                    dotAll = false;
                    multiline = true;
                }
                case 'p' -> {
                    dotAll = false;
                    multiline = false;
                }
                case 'w' -> {
                    dotAll = true;
                    multiline = true;
                }
                case 'x' -> other |= Pattern.COMMENTS;
                case 'q' -> other |= Pattern.LITERAL;
                default -> throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "invalid regular expression option: "
                    + "\"" + f + "\" (REGEXP_REPLACE takes g, i, c, n, m, p, w, s, x, q)");
            }
        }
        return other | (dotAll ? Pattern.DOTALL : 0) | (multiline ? Pattern.MULTILINE : 0);
    }

    /** PostgreSQL's word characters in a UTF-8 database (glibc's alnum and _): letters and digits of any script. */
    private static final String WORD = "\\p{IsAlphabetic}\\p{Nd}_";
    /** PostgreSQL's white space in a UTF-8 database (glibc's): ASCII's and Unicode's spaces but the no-break ones. */
    static final String SPACE = "\\t\\n\\x0B\\f\\r \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F"
        + "\\u3000";

    /**
     * PostgreSQL's escape {@code \e} as Java writes it: {@code \d} the ASCII digits, {@code \w} and {@code \s} as
     * {@link #WORD} and {@link #SPACE} (Java's are ASCII only; its Unicode classes count other scripts' digits as
     * {@code \d}, which PostgreSQL does not), {@code \y} {@code \Y} {@code \m} {@code \M} word boundaries (2201B in
     * Java; inside brackets 2201B here too, as PostgreSQL's), {@code \Z} the very end, {@code \b} a backspace,
     * {@code \B} a backslash; any other as it is.
     */
    private static String escape(char e, boolean inBrackets, String posix, int at) {
        // a word character before: one or two UTF-16 units (a letter beyond the BMP is two, which a lookbehind of one
        // unit does not see)
        String word = "[" + WORD + "]";
        String before = "(?<=" + word + "{1,2})";
        String notBefore = "(?<!" + word + "{1,2})";
        if (inBrackets && "yYmMAZ".indexOf(e) >= 0) {
            throw new PatternSyntaxException("invalid escape \\" + e + " inside brackets", posix, at);
        }
        return switch (e) {
            case 'd' -> inBrackets ? "0-9" : "[0-9]";
            case 'D' -> "[^0-9]";
            case 'w' -> inBrackets ? WORD : word;
            case 'W' -> "[^" + WORD + "]";
            case 's' -> inBrackets ? SPACE : "[" + SPACE + "]";
            case 'S' -> "[^" + SPACE + "]";
            case 'y' -> "(?:" + before + "(?!" + word + ")|" + notBefore + "(?=" + word + "))";
            case 'Y' -> "(?:" + before + "(?=" + word + ")|" + notBefore + "(?!" + word + "))";
            case 'm' -> notBefore + "(?=" + word + ")";
            case 'M' -> before + "(?!" + word + ")";
            case 'Z' -> "\\z";
            case 'b' -> "\\x08";
            case 'B' -> "\\\\";
            default -> "\\" + e;
        };
    }

    /**
     * {@code posix} with its bracket expressions as Java writes them (classes by name, a leading ] as itself), and,
     * unless {@code newlineSensitive}, a {@code $} outside them as the very end ({@code \z}): Java's {@code $} also
     * matches before a last line break, so {@code 'a' || CHR(10) ~ 'a$'} was true where PostgreSQL's is false.
     */
    static String javaPattern(String posix, boolean newlineSensitive) {
        StringBuilder out = new StringBuilder(posix.length() + 16);
        boolean inBrackets = false;
        int i = 0;
        while (i < posix.length()) {
            char c = posix.charAt(i);
            if (c == '\\' && i + 1 < posix.length()) {
                out.append(escape(posix.charAt(i + 1), inBrackets, posix, i));
                i += 2;
            } else if (!inBrackets) {
                out.append(c == '$' && !newlineSensitive ? "\\z" : String.valueOf(c));
                i++;
                if (c == '[') {
                    inBrackets = true;
                    if (posix.startsWith("^", i)) {
                        out.append('^');
                        i++;
                    }
                    if (posix.startsWith("]", i)) { // first in brackets: a member, as POSIX reads it
                        out.append("\\]");
                        i++;
                    }
                }
            } else if (posix.startsWith("[:", i) && posix.indexOf(":]", i + 2) > 0) {
                int end = posix.indexOf(":]", i + 2);
                String name = posix.substring(i + 2, end);
                String members = name.equals("space") ? SPACE : SimilarRegex.CLASSES.get(name);
                if (members == null) {
                    throw new PatternSyntaxException("invalid character class [:" + name + ":]", posix, i);
                }
                out.append(members);
                i = end + 2;
            } else {
                // a [ among the members is one (Java reads it as a nested class); ] closes the brackets
                out.append(c == '[' ? "\\[" : String.valueOf(c));
                inBrackets = c != ']';
                i++;
            }
        }
        return out.toString();
    }
}
