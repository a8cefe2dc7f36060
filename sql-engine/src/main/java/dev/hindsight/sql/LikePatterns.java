package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code LIKE} and {@code ILIKE} patterns as PostgreSQL reads them. Without an {@code ESCAPE} clause the backslash
 * escapes ({@code 'order\.%'}, {@code '50\%'}, {@code 'a\_b'}); with one, its character does ({@code ESCAPE ''}:
 * none); an escape character before any character stands for that character ({@code \.} is {@code .}, Calcite
 * refused it); a pattern ending in one is 22025 "LIKE pattern must not end with escape character", an escape of
 * two characters 22025 too. Calcite's LIKE had no escape character unless one was written, so
 * {@code name LIKE 'thing\.odd'} matched nothing. The convertlet rewrites the pattern into one escaped with the
 * backslash ({@link #postgres}, {@link #postgresEscaped}), which {@link #matches} reads (a line end is a character); an
 * {@code ILIKE} becomes, as PostgreSQL runs it in a UTF-8 database, a match of the value and that pattern in
 * lower case, character by character ({@link #lower}; Calcite's matched without case in ASCII alone:
 * {@code 'ÄB' ILIKE 'äb'} was false). Done on the row expression, after the plan cache has lifted patterns into
 * parameters, so a literal and a bound pattern read alike. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class LikePatterns {

    private static final SqlUserDefinedFunction POSTGRES = HindsightConvertlets.function("HINDSIGHT_LIKE_PATTERN",
        ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.CHARACTER, LikePatterns::varchar, LikePatterns.class, "postgres");

    private static final SqlUserDefinedFunction POSTGRES_ESCAPED = HindsightConvertlets.function(
        "HINDSIGHT_LIKE_PATTERN_ESCAPED", ReturnTypes.VARCHAR_NULLABLE,
        List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER), types -> List.of(varchar(types), varchar(types)),
        LikePatterns.class, "postgresEscaped");

    private static final SqlUserDefinedFunction LOWER = HindsightConvertlets.function("HINDSIGHT_ILIKE_LOWER",
        ReturnTypes.ARG0_NULLABLE, SqlTypeFamily.CHARACTER, LikePatterns::varchar, LikePatterns.class, "lower");

    private static final SqlUserDefinedFunction MATCHES = HindsightConvertlets.function("HINDSIGHT_LIKE",
        ReturnTypes.BOOLEAN_NULLABLE, List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
        types -> List.of(varchar(types), varchar(types)), LikePatterns.class, "matches");

    /** Patterns compiled, by their text; emptied when full (a statement's patterns are few, and come back). */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();
    private static final int MAX_COMPILED = 256;

    private LikePatterns() {
    }

    /** The convertlet of a {@code LIKE}/{@code ILIKE} call: {@code next}'s, its pattern and escape PostgreSQL's. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, sql) -> {
            RexNode converted = next.convertCall(cx, sql);
            if (!(converted instanceof RexCall call) || call.getOperands().size() != sql.operandCount()) {
                return converted; // a form this does not know
            }
            RexBuilder rex = cx.getRexBuilder();
            List<RexNode> operands = new ArrayList<>(call.getOperands());
            // VARCHAR, not the pattern's type: a literal is a CHAR of its length, and a shorter reading of it would
            // be padded with blanks that then must match
            boolean nullable = operands.stream().skip(1).anyMatch(o -> o.getType().isNullable());
            operands.set(1, rex.makeCall(cx.getTypeFactory().createTypeWithNullability(varchar(cx.getTypeFactory()),
                nullable), operands.size() == 2 ? POSTGRES : POSTGRES_ESCAPED, operands.subList(1, operands.size())));
            operands.subList(2, operands.size()).clear();
            if (SqlLibraryOperators.ILIKE.equals(call.getOperator())) {
                for (int i = 0; i < 2; i++) {
                    RexNode operand = operands.get(i);
                    operands.set(i, rex.makeCall(operand.getType(), LOWER, List.of(operand)));
                }
            }
            return rex.makeCall(call.getType(), MATCHES, operands);
        };
    }

    private static RelDataType varchar(RelDataTypeFactory types) {
        return types.createSqlType(SqlTypeName.VARCHAR);
    }

    /** Whether {@code kind} is that of the calls {@link #convertlet} takes: LIKE and ILIKE, negated or not. */
    static boolean applies(SqlKind kind) {
        return kind == SqlKind.LIKE;
    }

    /** {@code pattern}, whose escape character is the backslash, as Calcite reads a pattern with that escape. */
    public static String postgres(String pattern) {
        return pattern.indexOf('\\') < 0 ? pattern : postgresEscaped(pattern, "\\");
    }

    /**
     * {@code pattern}, whose escape character is {@code escape} ({@code ''}: none), as Calcite reads a pattern with the
     * escape character {@code '\'}: {@code %}, {@code _} and {@code \} escaped where they stand for themselves.
     */
    public static String postgresEscaped(String pattern, String escape) {
        int e = escapeCharacter(escape);
        StringBuilder out = new StringBuilder(pattern.length() + 4);
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == e) {
                if (i == pattern.length()) {
                    throw SqlErrors.of(SqlErrors.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape "
                        + "character: '" + pattern + "'");
                }
                c = pattern.codePointAt(i);
                i += Character.charCount(c);
                if (c == '%' || c == '_' || c == '\\') {
                    out.append('\\');
                }
                out.appendCodePoint(c);
            } else if (c == '\\') {
                out.append("\\\\"); // a backslash that escapes nothing here
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether {@code text} matches {@code pattern}, escaped with the backslash as {@link #postgresEscaped} writes it:
     * {@code _} any one character and {@code %} any run of them, a line end too, as in PostgreSQL. Calcite's LIKE made
     * {@code _} a regular expression's {@code .}, which matches no line end: {@code 'a' || CHR(10) || 'b' LIKE 'a_b'}
     * was false.
     */
    public static boolean matches(String text, String pattern) {
        Pattern compiled = COMPILED.get(pattern);
        if (compiled == null) {
            if (COMPILED.size() >= MAX_COMPILED) {
                COMPILED.clear();
            }
            compiled = Pattern.compile(regex(pattern), Pattern.DOTALL);
            COMPILED.put(pattern, compiled);
        }
        return compiled.matcher(text).matches();
    }

    /** {@code pattern} (escaped with the backslash) as a Java regular expression, its other characters quoted. */
    static String regex(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '_' || c == '%') {
                quoted(out, literal).append(c == '_' ? "." : ".*");
            } else {
                literal.append(c);
            }
        }
        return quoted(out, literal).toString();
    }

    private static StringBuilder quoted(StringBuilder out, StringBuilder literal) {
        if (!literal.isEmpty()) {
            out.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
        return out;
    }

    /**
     * The character {@code escape} names for a LIKE or SIMILAR TO pattern, as a code point, or -1 for {@code ''} (no
     * escape); 22025 for more than one character, as PostgreSQL's "invalid escape string".
     */
    static int escapeCharacter(String escape) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw SqlErrors.of(SqlErrors.INVALID_ESCAPE_SEQUENCE, "invalid escape string '" + escape
                + "': an escape string must be empty or one character");
        }
        return escape.isEmpty() ? -1 : escape.codePointAt(0);
    }

    /**
     * {@code text} in lower case character by character, as PostgreSQL lowers text for {@code ILIKE} (Java's
     * {@code toLowerCase} of a whole text writes a word's last Σ as ς and İ as two characters).
     */
    public static String lower(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int lower = Character.toLowerCase(c);
            if (lower != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.appendCodePoint(lower);
            }
            i += Character.charCount(c);
        }
        return out == null ? text : out.toString();
    }
}
