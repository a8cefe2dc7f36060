package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code LOG(x)}, {@code LOG10(x)} and {@code LOG(b, x)} as exact as PostgreSQL's where the answer is a whole
 * number: Calcite divided natural logarithms, so {@code LOG(1000)} was 2.9999999999999996 and {@code LOG(3, 243)}
 * 4.999999999999999 (PostgreSQL: 3 and 5). Base 10 is {@link Math#log10}, exact at every power of ten; another base
 * divides natural logarithms, and a quotient within a billionth of a whole number {@code k} is {@code k} when
 * {@code b^k} is {@code x}. Zero or a negative number is 2201E and base 1 22012, with PostgreSQL's words (Calcite
 * answered {@code LOG(1, 10)} with Infinity). Public for Calcite's function registry.
 */
public final class Logarithms {

    private static final SqlUserDefinedFunction LOG = HindsightConvertlets.function("HINDSIGHT_LOG",
        ReturnTypes.DOUBLE_NULLABLE, List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC),
        types -> List.of(dbl(types), dbl(types)), Logarithms.class, "log");

    private Logarithms() {
    }

    /** Whether {@code operator} is one of the logarithms this class computes. */
    static boolean applies(SqlOperator operator) {
        return SqlLibraryOperators.LOG_POSTGRES.equals(operator) || SqlStdOperatorTable.LOG10.equals(operator);
    }

    /** The convertlet of {@code LOG} and {@code LOG10}: a call of {@link #log}, typed as the validator typed it. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, call) -> call.operandCount() > 2 ? next.convertCall(cx, call) : convert(cx, call);
    }

    private static RexNode convert(SqlRexContext cx, SqlCall call) {
        RexBuilder rex = cx.getRexBuilder();
        RexNode base = call.operandCount() == 2 ? asDouble(cx, cx.convertExpression(call.operand(0)))
            : rex.makeApproxLiteral(BigDecimal.TEN);
        RexNode x = asDouble(cx, cx.convertExpression(call.operand(call.operandCount() - 1)));
        return rex.makeCast(cx.getValidator().getValidatedNodeType(call), rex.makeCall(LOG, base, x), true, false);
    }

    private static RexNode asDouble(SqlRexContext cx, RexNode number) {
        RelDataTypeFactory types = cx.getTypeFactory();
        return cx.getRexBuilder().makeCast(types.createTypeWithNullability(dbl(types), number.getType().isNullable()),
            number);
    }

    private static RelDataType dbl(RelDataTypeFactory types) {
        return types.createSqlType(SqlTypeName.DOUBLE);
    }

    /** The logarithm of {@code x} to {@code base}; NULL if either is. */
    public static Double log(Double base, Double x) {
        if (base == null || x == null) {
            return null;
        }
        check(base);
        check(x);
        if (base == 10) {
            return Math.log10(x);
        }
        if (base == 1) {
            throw SqlErrors.of(SqlErrors.DIVISION_BY_ZERO, "division by zero: the logarithm to base 1");
        }
        double quotient = Math.log(x) / Math.log(base);
        double whole = Math.rint(quotient);
        return Math.abs(quotient - whole) < 1e-9 && Math.pow(base, whole) == x ? whole : quotient;
    }

    private static void check(double number) {
        if (number == 0) {
            throw SqlErrors.of(SqlErrors.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of zero");
        }
        if (number < 0) {
            throw SqlErrors.of(SqlErrors.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of a negative number: "
                + number);
        }
    }
}
