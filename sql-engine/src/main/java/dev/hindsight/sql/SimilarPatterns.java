package dev.hindsight.sql;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.linq4j.function.Strict;
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
 * {@link #similarEscaped}, which match with the pattern translated by {@link SimilarRegex}; translations are kept
 * (up to {@link #CACHED} of them), so a pattern is translated once, not row after row. Public for Calcite's
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

    /** How many translated patterns are kept; past it the cache starts again. */
    static final int CACHED = PatternCache.CAPACITY;

    private static final PatternCache<Compiled> PATTERNS = new PatternCache<>();

    /** A pattern with its escape: the cache's key. */
    private record Compiled(String pattern, String escape) {
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
            return cx.getRexBuilder().makeCall(call.getType(), call.getOperands().size() == 2 ? SIMILAR
                : SIMILAR_ESCAPED, call.getOperands());
        };
    }

    /** Whether all of {@code value} matches {@code pattern}, whose escape character is the backslash. */
    public static boolean similar(String value, String pattern) {
        return similarEscaped(value, pattern, "\\");
    }

    /** Whether all of {@code value} matches {@code pattern} with the escape character {@code escape} ('' for none). */
    public static boolean similarEscaped(String value, String pattern, String escape) {
        return PATTERNS.get(new Compiled(pattern, escape), key -> compile(key.pattern(), key.escape())).matcher(value)
            .matches();
    }

    private static Pattern compile(String pattern, String escape) {
        String regex = SimilarRegex.of(pattern, LikePatterns.escapeCharacter(escape));
        try {
            return Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw SimilarRegex.invalid(pattern, e.getDescription());
        }
    }
}
