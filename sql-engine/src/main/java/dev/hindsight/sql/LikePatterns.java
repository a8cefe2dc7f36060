package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code LIKE} and {@code ILIKE} patterns without an {@code ESCAPE} clause as PostgreSQL reads them: the backslash
 * escapes ({@code 'order\.%'}, {@code '50\%'}, {@code 'a\_b'}), and a pattern ending in one is 22025 "LIKE pattern
 * must not end with escape character". Calcite's LIKE has no escape character unless one is written, so
 * {@code name LIKE 'thing\.odd'} matched nothing. The convertlet gives such a call the escape {@code '\'} and its
 * pattern this class's reading of it ({@link #postgres}): a backslash before {@code %}, {@code _} or another
 * backslash stays, before any other character it is dropped (PostgreSQL takes {@code \.} as {@code .}; Calcite refuses
 * it). Done on the row expression, after the plan cache has lifted patterns into parameters, so a literal and a bound
 * pattern read alike. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the method with values only
public final class LikePatterns {

    private static final SqlUserDefinedFunction POSTGRES = HindsightConvertlets.function("HINDSIGHT_LIKE_PATTERN",
        ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.CHARACTER, types -> types.createSqlType(SqlTypeName.VARCHAR),
        LikePatterns.class, "postgres");

    private LikePatterns() {
    }

    /** The convertlet of a {@code LIKE}/{@code ILIKE} call: {@code next}'s, with PostgreSQL's escape if none given. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, sql) -> {
            RexNode converted = next.convertCall(cx, sql);
            if (sql.operandCount() != 2 || !(converted instanceof RexCall call) || call.getOperands().size() != 2) {
                return converted; // an ESCAPE of the statement's own, or a form this does not know
            }
            RexBuilder rex = cx.getRexBuilder();
            List<RexNode> operands = new ArrayList<>(call.getOperands());
            RexNode pattern = operands.get(1);
            // VARCHAR, not the pattern's type: a literal is a CHAR of its length, and a shorter reading of it would
            // be padded with blanks that then must match
            operands.set(1, rex.makeCall(cx.getTypeFactory().createTypeWithNullability(
                cx.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), pattern.getType().isNullable()), POSTGRES,
                List.of(pattern)));
            operands.add(rex.makeLiteral("\\"));
            return rex.makeCall(call.getType(), call.getOperator(), operands);
        };
    }

    /** Whether {@code kind} is that of the calls {@link #convertlet} takes: LIKE and ILIKE, negated or not. */
    static boolean applies(SqlKind kind) {
        return kind == SqlKind.LIKE;
    }

    /** {@code pattern} as a pattern with the escape character {@code '\'}, read as PostgreSQL reads it. */
    public static String postgres(String pattern) {
        int first = pattern.indexOf('\\');
        if (first < 0) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern.length());
        out.append(pattern, 0, first);
        for (int i = first; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 == pattern.length()) {
                throw SqlErrors.of(SqlErrors.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape "
                    + "character: '" + pattern + "'");
            }
            char escaped = pattern.charAt(++i);
            if (escaped == '%' || escaped == '_' || escaped == '\\') {
                out.append('\\');
            }
            out.append(escaped);
        }
        return out.toString();
    }
}
