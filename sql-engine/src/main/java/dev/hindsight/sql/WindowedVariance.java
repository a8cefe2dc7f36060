package dev.hindsight.sql;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code VAR_*} and {@code STDDEV_*} of a {@code DECIMAL} or an integer in a window ({@code OVER}), the variance
 * computed in the argument's own digits (an integer's as a {@code DECIMAL} of its digits, scale 0). Calcite's
 * expansion casts the argument to a type of twice the result's precision and scale (its
 * {@code AvgVarianceConvertlet}): of a {@code DECIMAL(38, 16)} result, a {@code DECIMAL(38, 32)} with 6 integer
 * digits, so the variance of 5000.0, 6000.0 and 7000.0 was 22003. Here, as Calcite's but without the casts:
 *
 * <pre>
 *   VAR_POP(x)    = (SUM(x * x) - SUM(x) * SUM(x) / COUNT(x)) / COUNT(x)
 *   VAR_SAMP(x)   = the same / CASE WHEN COUNT(x) = 1 THEN NULL ELSE COUNT(x) - 1 END
 *   STDDEV_*(x)   = HINDSIGHT_DECIMAL_SQRT(VAR_*(x) to 2 s + 2 fraction digits, s)   (s: the result's scale)
 * </pre>
 *
 * {@code x * x} has twice the argument's fraction digits, exactly; the divisions are exact to 16 fraction digits or
 * more ({@link DecimalDivision}); the result is cast to the call's type. The sums and the count become windowed by
 * Calcite's conversion of the {@code OVER} around them, as its own expansion's do (integers were Calcite's too
 * while their variance was a {@code DOUBLE}; as a {@code DECIMAL} theirs failed from squares of 10^6 on). Of a
 * {@code DOUBLE} or {@code REAL} the call is left whole, for {@link FloatVariances} to compute as PostgreSQL's. A
 * standard deviation is the exact square root of the exact variance ({@link DecimalSquareRoot}; Calcite's took it in
 * a {@code DOUBLE}).
 */
final class WindowedVariance {

    private static final Set<SqlKind> KINDS = EnumSet.of(SqlKind.VAR_POP, SqlKind.VAR_SAMP, SqlKind.STDDEV_POP,
        SqlKind.STDDEV_SAMP);


    private WindowedVariance() {
    }

    static boolean applies(SqlKind kind) {
        return KINDS.contains(kind);
    }

    /** The convertlet of a variance: this class's for a {@code DECIMAL} argument, else {@code next} (Calcite's). */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, call) -> {
            RelDataType argument = call.operandCount() == 1
                ? cx.getValidator().getValidatedNodeTypeIfKnown(call.operand(0)) : null;
            boolean integer = argument != null && SqlTypeUtil.isIntType(argument);
            if (argument != null && SqlTypeUtil.isApproximateNumeric(argument)) {
                // left whole, for FloatVariances to compute as PostgreSQL's
                return cx.getRexBuilder().makeCall(cx.getValidator().getValidatedNodeType(call), call.getOperator(),
                    List.of(cx.convertExpression(call.operand(0))));
            }
            if (argument == null || (argument.getSqlTypeName() != SqlTypeName.DECIMAL && !integer)) {
                return next.convertCall(cx, call);
            }
            SqlParserPos pos = SqlParserPos.ZERO;
            SqlNode x = !integer ? call.operand(0) : SqlStdOperatorTable.CAST.createCall(pos, call.operand(0),
                SqlTypeUtil.convertTypeToSpec(cx.getTypeFactory().decimalOf(argument)));
            SqlNode count = SqlStdOperatorTable.COUNT.createCall(pos, x);
            SqlNode sum = SqlStdOperatorTable.SUM.createCall(pos, x);
            SqlNode sumOfSquares = SqlStdOperatorTable.SUM.createCall(pos,
                SqlStdOperatorTable.MULTIPLY.createCall(pos, x, x));
            SqlNode deviations = SqlStdOperatorTable.MINUS.createCall(pos, sumOfSquares,
                SqlStdOperatorTable.DIVIDE.createCall(pos, SqlStdOperatorTable.MULTIPLY.createCall(pos, sum, sum),
                    count));
            boolean population = call.getKind() == SqlKind.VAR_POP || call.getKind() == SqlKind.STDDEV_POP;
            SqlNode denominator = population ? count : new SqlCase(pos, null,
                SqlNodeList.of(SqlStdOperatorTable.EQUALS.createCall(pos, count, one(pos))),
                SqlNodeList.of(SqlLiteral.createNull(pos)), SqlStdOperatorTable.MINUS.createCall(pos, count, one(pos)));
            SqlNode variance = SqlStdOperatorTable.DIVIDE.createCall(pos, deviations, denominator);
            RelDataType type = cx.getValidator().getValidatedNodeType(call);
            // a deviation's root from a variance of twice its digits (and two more): one of 16 put its last one off
            SqlNode expr = call.getKind() == SqlKind.VAR_POP || call.getKind() == SqlKind.VAR_SAMP ? variance
                : DecimalSquareRoot.SQRT.createCall(pos, DecimalDivision.DIVIDE.createCall(pos, deviations,
                    denominator, integer(2 * type.getScale() + 2, pos)), integer(type.getScale(), pos));
            RexNode rex = cx.convertExpression(expr);
            return cx.getRexBuilder().ensureType(call.getParserPosition(), type, rex, true);
        };
    }

    private static SqlNode integer(int value, SqlParserPos pos) {
        return SqlLiteral.createExactNumeric(Integer.toString(value), pos);
    }

    private static SqlNode one(SqlParserPos pos) {
        return SqlLiteral.createExactNumeric("1", pos);
    }
}
