package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.Map;

/**
 * A {@code SIMILAR TO} pattern as a Java regular expression that matches what PostgreSQL's matches: its
 * {@code similar_escape} translation into PostgreSQL's own regular expressions (AREs), then AREs' meaning written in
 * Java's syntax.
 *
 * <pre>
 *   SQL pattern          Java regular expression (compiled with DOTALL: . matches line ends too)
 *   %  _                 .*  .
 *   ( )                  (?: )
 *   | * + ? {m,n}        the same, a ? after one lazy; a { that no digit follows is a brace; a bound above 255
 *                        or a quantifier after a quantifier (Java's possessive a*+) is refused
 *   [...]                a character class; [:alpha:] and its kin by Unicode's categories (PostgreSQL's are
 *                        glibc's, which differ at the edges: Arabic digits are letters there), [.c.] and [=c=] of
 *                        one character as that character, other marks literal
 *   esc c                an ARE escape: \d \s \w (and capitals), \t \n \r \f \v \a \b \e \B \0, \x and up to
 *                        8 hex digits, u and 4, U and 8, \cX, \A \Z \m \M \y \Y; any other letter or digit (octal
 *                        and back references included) is refused; a mark is itself
 *   esc "                a separator of SUBSTRING … SIMILAR: the parts either side are groups; at most two
 *   anything else        itself, literal (. ^ $ \ included)
 * </pre>
 */
final class SimilarRegex {

    /**
     * PostgreSQL's character classes (glibc's C.UTF-8 in its tests) as members of a Java character class; also
     * {@link PostgresRegexReplace}'s.
     */
    static final Map<String, String> CLASSES = Map.ofEntries(Map.entry("alpha", "\\p{IsAlphabetic}"),
        Map.entry("digit", "0-9"), Map.entry("alnum", "\\p{IsAlphabetic}0-9"),
        Map.entry("upper", "\\p{IsUppercase}"), Map.entry("lower", "\\p{IsLowercase}"),
        Map.entry("space", "\\s"), Map.entry("blank", " \\t"), Map.entry("punct", "\\p{P}\\p{S}"),
        Map.entry("xdigit", "0-9A-Fa-f"), Map.entry("cntrl", "\\p{Cc}"), Map.entry("graph", "[^\\s\\p{Z}\\p{C}]"),
        Map.entry("print", "[^\\p{C}\\p{Zl}\\p{Zp}]"), Map.entry("ascii", "\\x00-\\x7F"),
        Map.entry("word", "\\p{IsAlphabetic}0-9_"));

    /** A word character, as PostgreSQL's \\w in a UTF-8 database: a letter, a digit or an underscore. */
    private static final String WORD = "[\\p{IsAlphabetic}0-9_]";

    /** The largest count of a bound, as PostgreSQL's (its DUPMAX). */
    private static final int MAX_COUNT = 255;

    private final String pattern;
    private final StringBuilder out;
    private int at;

    private SimilarRegex(String pattern) {
        this.pattern = pattern;
        this.out = new StringBuilder(pattern.length() + 16);
    }

    /** {@code pattern} as a Java regular expression; {@code escape} is a code point, -1 when there is none. */
    static String of(String pattern, int escape) {
        return new SimilarRegex(pattern).translate(escape);
    }

    private String translate(int escape) {
        int separators = 0;
        boolean inClass = false;
        int classStart = 0; // where the class's members start, after [ and an optional ^
        out.append("(?:");
        int quantified = 0; // 1 after a quantifier (a ? may make it lazy), 2 after that ?: no quantifier may follow
        while (at < pattern.length()) {
            int c = next();
            boolean quantifier = !inClass && c != escape && (c == '*' || c == '+' || c == '?'
                || (c == '{' && at < pattern.length() && isDigit(pattern.charAt(at))));
            if (quantifier && quantified > 0 && !(quantified == 1 && c == '?')) {
                throw invalid("quantifier operand invalid"); // Java would read a*+ as possessive, a{1}{2} as a{2}
            }
            quantified = !quantifier ? 0 : quantified == 1 ? 2 : 1;
            if (c == escape) {
                if (at == pattern.length()) {
                    break; // PostgreSQL ignores an escape at the end
                }
                int escaped = next();
                if (escaped == '"' && !inClass) {
                    if (++separators > 2) {
                        throw SqlErrors.of(SqlErrors.INVALID_USE_OF_ESCAPE_CHARACTER, "SQL regular expression '"
                            + pattern + "' may not contain more than two escape-double-quote separators");
                    }
                    out.append(")(?:");
                } else {
                    areEscape(escaped, inClass);
                }
            } else if (inClass) {
                if (c == ']' && at - 1 > classStart) {
                    out.append(']');
                    inClass = false;
                } else if (c == '[' && at < pattern.length() && ":.=".indexOf(pattern.charAt(at)) >= 0) {
                    bracketed();
                } else if (c == '-' && at - 1 > classStart && at < pattern.length() && pattern.charAt(at) != ']') {
                    out.append('-'); // a range: a-z
                } else {
                    literal(c);
                }
            } else {
                switch (c) {
                    case '%' -> out.append(".*");
                    case '_' -> out.append('.');
                    case '(' -> out.append("(?:");
                    case ')', '|', '*', '+', '?' -> out.append((char) c);
                    case '{' -> bound();
                    case '[' -> {
                        out.append('[');
                        inClass = true;
                        classStart = at;
                        if (at < pattern.length() && pattern.charAt(at) == '^') {
                            out.append('^');
                            classStart = ++at;
                        }
                    }
                    default -> literal(c);
                }
            }
        }
        if (inClass) {
            throw invalid("brackets [] not balanced");
        }
        return out.append(')').toString();
    }

    private int next() {
        int c = pattern.codePointAt(at);
        at += Character.charCount(c);
        return c;
    }

    /** After a {: a bound {m}, {m,} or {m,n} as it is, or the brace itself when no digit follows it. */
    private void bound() {
        if (at >= pattern.length() || !isDigit(pattern.charAt(at))) {
            literal('{');
            return;
        }
        int close = pattern.indexOf('}', at);
        String inside = close < 0 ? "" : pattern.substring(at, close);
        if (!inside.matches("[0-9]{1,9}(,[0-9]{0,9})?")) {
            throw invalid("invalid repetition count(s)");
        }
        String[] counts = inside.split(",", -1);
        int low = Integer.parseInt(counts[0]);
        int high = counts.length == 1 ? low : counts[1].isEmpty() ? -1 : Integer.parseInt(counts[1]);
        if (low > MAX_COUNT || high > MAX_COUNT || (high >= 0 && high < low)) {
            throw invalid("invalid repetition count(s)");
        }
        out.append('{').append(inside).append('}');
        at = close + 1;
    }

    /** After a [ in a class: [:class:], [.c.] or [=c=]. */
    private void bracketed() {
        char kind = pattern.charAt(at);
        int end = pattern.indexOf(kind + "]", at + 1);
        if (end < 0) {
            throw invalid("brackets [] not balanced");
        }
        String name = pattern.substring(at + 1, end);
        at = end + 2;
        if (kind == ':') {
            String members = CLASSES.get(name);
            if (members == null) {
                throw invalid("invalid character class [:" + name + ":]");
            }
            out.append(members);
        } else if (name.codePointCount(0, name.length()) == 1) {
            literal(name.codePointAt(0)); // a collating element or an equivalence class of one character
        } else {
            throw invalid("invalid collating element [" + kind + name + kind + "]");
        }
    }

    /** An escaped character as PostgreSQL's regular expressions read a backslash before it. */
    private void areEscape(int c, boolean inClass) {
        switch (c) {
            case 'd' -> out.append(inClass ? "0-9" : "[0-9]");
            case 's' -> out.append("\\s");
            case 'w' -> out.append(inClass ? "\\p{IsAlphabetic}0-9_" : WORD);
            case 'D' -> out.append("[^0-9]");
            case 'S' -> out.append("\\S");
            case 'W' -> out.append("[^\\p{IsAlphabetic}0-9_]");
            case 'a' -> literal(0x07);
            case 'b' -> literal(0x08);
            case 'B' -> literal('\\');
            case 'e' -> literal(0x1B);
            case 'f' -> literal('\f');
            case 'n' -> literal('\n');
            case 'r' -> literal('\r');
            case 't' -> literal('\t');
            case 'v' -> literal(0x0B);
            case '0' -> literal(0);
            case 'c' -> literal(at < pattern.length() ? next() & 0x1F : invalidEscape(c));
            case 'x' -> literal(hex(1, 8, c));
            case 'u' -> literal(hex(4, 4, c));
            case 'U' -> literal(hex(8, 8, c));
            case 'A', 'Z', 'm', 'M', 'y', 'Y' -> {
                if (inClass) {
                    throw invalid("invalid escape \\" + (char) c + " in a character class");
                }
                out.append(switch (c) {
                    case 'A' -> "\\A";
                    case 'Z' -> "\\z";
                    case 'm' -> "(?<!" + WORD + ")(?=" + WORD + ")";
                    case 'M' -> "(?<=" + WORD + ")(?!" + WORD + ")";
                    case 'y' -> "(?:(?<!" + WORD + ")(?=" + WORD + ")|(?<=" + WORD + ")(?!" + WORD + "))";
                    default -> "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";
                });
            }
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    invalidEscape(c);
                }
                literal(c);
            }
        }
    }

    /** The code point written as {@code min} to {@code max} hexadecimal digits after the escape x, u or U. */
    private int hex(int min, int max, int escape) {
        int end = at;
        while (end < pattern.length() && end - at < max && (isDigit(pattern.charAt(end))
            || "abcdefABCDEF".indexOf(pattern.charAt(end)) >= 0)) {
            end++;
        }
        if (end - at < min) {
            invalidEscape(escape);
        }
        long value = Long.parseLong(pattern.substring(at, end), 16);
        if (value > Character.MAX_CODE_POINT) {
            invalidEscape(escape);
        }
        at = end;
        return (int) value;
    }

    /** An ASCII digit: PostgreSQL's regular expressions read no other as a count or a code. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int invalidEscape(int c) {
        throw invalid("invalid escape \\" + new String(Character.toChars(c)) + " sequence");
    }

    /** {@code c} as a Java regular expression matching it alone, in a character class or outside one. */
    private void literal(int c) {
        if (c < 128 && !Character.isLetterOrDigit(c)) {
            out.append(String.format("\\x%02X", c));
        } else {
            out.appendCodePoint(c);
        }
    }

    private RuntimeException invalid(String what) {
        return invalid(pattern, what);
    }

    /** 2201B for {@code pattern}, which is no regular expression for the reason {@code what}. */
    static RuntimeException invalid(String pattern, String what) {
        return SqlErrors.of(SqlErrors.INVALID_REGULAR_EXPRESSION, "invalid regular expression '" + pattern
            + "' in SIMILAR TO: " + what);
    }
}
