package dev.hindsight.sql;

import java.util.Map;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code ABS} of an integer that fails on overflow, as PostgreSQL's ({@code ABS(-9223372036854775808)} is 22003):
 * Java's {@code Math.abs} of a type's least value is that value itself, negative. One call of its operand
 * ({@link CheckedArithmetic}); its first form, {@code CASE WHEN x < 0 THEN -x ELSE x END}, named {@code x} three times,
 * so that nested ABS grew threefold with each level, and 14 of them took tens of seconds to plan. Public, with its
 * methods, for Calcite's generated code.
 */
@Strict // NULL in, NULL out
public final class CheckedAbs {

    private static final Map<SqlTypeName, SqlOperator> FUNCTIONS = Map.of(
        SqlTypeName.BIGINT, function(SqlTypeName.BIGINT, "absLong"),
        SqlTypeName.INTEGER, function(SqlTypeName.INTEGER, "absInt"),
        SqlTypeName.SMALLINT, function(SqlTypeName.SMALLINT, "absShort"),
        SqlTypeName.TINYINT, function(SqlTypeName.TINYINT, "absByte"));

    private CheckedAbs() {
    }

    /** {@code abs}, an {@code ABS} of an integer, as this class's function of its type; else {@code null}. */
    static @Nullable RexNode of(RexBuilder rex, RexCall abs) {
        SqlOperator function = FUNCTIONS.get(abs.getType().getSqlTypeName());
        return function == null ? null : rex.makeCall(abs.getType(), function, abs.getOperands());
    }

    private static SqlOperator function(SqlTypeName type, String method) {
        return HindsightConvertlets.function("HINDSIGHT_ABS", ReturnTypes.ARG0, SqlTypeFamily.INTEGER,
            types -> types.createSqlType(type), CheckedAbs.class, method);
    }

    /** The absolute value of a BIGINT. */
    public static long absLong(long x) {
        if (x == Long.MIN_VALUE) {
            throw new ArithmeticException("long overflow"); // the message Math.negateExact's has
        }
        return Math.abs(x);
    }

    /** The absolute value of an INTEGER. */
    public static int absInt(int x) {
        if (x == Integer.MIN_VALUE) {
            throw new ArithmeticException("integer overflow");
        }
        return Math.abs(x);
    }

    /** The absolute value of a SMALLINT. */
    public static short absShort(short x) {
        if (x == Short.MIN_VALUE) {
            throw new ArithmeticException("smallint overflow");
        }
        return (short) Math.abs(x);
    }

    /** The absolute value of a TINYINT. */
    public static byte absByte(byte x) {
        if (x == Byte.MIN_VALUE) {
            throw new ArithmeticException("tinyint overflow");
        }
        return (byte) Math.abs(x);
    }
}
