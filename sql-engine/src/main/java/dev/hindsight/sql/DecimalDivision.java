package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code DECIMAL} division exact to the result type's scale, rounded half away from zero, as PostgreSQL's numeric
 * division rounds its last digit: {@code 2.50 / 1.5} is 1.6666666666666667 and {@code AVG} of 1.0, 2.0, 2.0 the same.
 * Calcite's generated code divided to 16 significant digits ({@code MathContext.DECIMAL64}) whatever the type said:
 * {@code 100 / 7.000} was 14.28571428571429 (PostgreSQL 14.2857142857142857), an average padded its 16 digits with a
 * zero (1.6666666666666670), and a value's scale was not the one its column's metadata reported.
 * {@link CheckedArithmetic} puts {@link #divide} in place of every {@code /} whose result is a {@code DECIMAL}, and
 * {@link #PROGRAM}, run after the statement's optimisation, in place of those Calcite writes there when it reduces an
 * {@code AVG}, {@code VAR_*} or {@code STDDEV_*} to sums and counts; the result's scale is
 * {@link HindsightTypeSystem#deriveDecimalDivideType}'s (an average's, its own type's). A zero divisor is 22012.
 * Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out
public final class DecimalDivision {

    /** {@code HINDSIGHT_DECIMAL_DIVIDE(a, b, scale)}: {@link #divide}. */
    static final SqlUserDefinedFunction DIVIDE = function("HINDSIGHT_DECIMAL_DIVIDE",
        ReturnTypes.DECIMAL_QUOTIENT_NULLABLE, "divide");

    /** {@code HINDSIGHT_DECIMAL_MOD(a, b, scale)}: {@link #mod}. */
    static final SqlUserDefinedFunction MOD = function("HINDSIGHT_DECIMAL_MOD", ReturnTypes.DECIMAL_MOD_NULLABLE,
        "mod");

    /** Every DECIMAL division as {@link #divide}, and a DECIMAL's square root as DecimalSquareRoot's. */
    private static final CalcRewrite EXACT = CalcRewrite.of(c -> divides(c) || DecimalSquareRoot.mayApply(c),
        (rex, call) -> {
            RexNode exact = exact(rex, call);
            return exact != null ? exact : DecimalSquareRoot.exact(rex, call);
        });

    /** The step run after the optimisation: the divisions of every calc; stateless. */
    static final Program PROGRAM = EXACT.program();

    private DecimalDivision() {
    }

    /** A function of two DECIMALs and a scale: this class's {@code method}. */
    private static SqlUserDefinedFunction function(String name, SqlReturnTypeInference returns, String method) {
        return HindsightConvertlets.function(name, returns,
            List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER),
            types -> List.of(types.createSqlType(SqlTypeName.DECIMAL), types.createSqlType(SqlTypeName.DECIMAL),
                types.createSqlType(SqlTypeName.INTEGER)),
            DecimalDivision.class, method);
    }

    /** {@code expression} with its DECIMAL divisions exact, for expressions compiled outside a plan. */
    static RexNode exactIn(RexBuilder rex, RexNode expression) {
        return EXACT.in(rex, expression);
    }

    /** Whether {@code call} divides exact numbers to a {@code DECIMAL}: a quotient or a remainder. */
    private static boolean divides(RexCall call) {
        return (call.getKind() == SqlKind.DIVIDE || call.getKind() == SqlKind.MOD)
            && call.getType().getSqlTypeName() == SqlTypeName.DECIMAL
            && call.getOperands().size() == 2
            && call.getOperands().stream().allMatch(o -> SqlTypeUtil.isExactNumeric(o.getType()));
    }

    /** {@code call} as an exact division, if it divides exact numbers to a {@code DECIMAL}; else null. */
    static @Nullable RexNode exact(RexBuilder rex, RexCall call) {
        if (!divides(call)) {
            return null;
        }
        List<RexNode> operands = call.getOperands().stream().map(o -> asDecimal(rex, o)).toList();
        RexNode scale = rex.makeExactLiteral(BigDecimal.valueOf(call.getType().getScale()));
        return rex.makeCall(call.getType(), call.getKind() == SqlKind.MOD ? MOD : DIVIDE,
            List.of(operands.get(0), operands.get(1), scale));
    }

    private static RexNode asDecimal(RexBuilder rex, RexNode operand) {
        RelDataType type = operand.getType();
        if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
            return operand;
        }
        RelDataTypeFactory types = rex.getTypeFactory();
        // an integer type's own digits (INTEGER as DECIMAL(10, 0)): the cast is exact
        return rex.makeCast(types.createTypeWithNullability(types.decimalOf(type), type.isNullable()), operand);
    }

    /**
     * The remainder of {@code a / b} at {@code scale} fraction digits, the result type's (the larger of the two
     * operands', so exact): {@code MOD(1, 2.5)} is 1.0, as {@code MOD(6, 2.5)}. Calcite's kept the remainder's own
     * scale, and a DECIMAL compares with its scale: 1 and 1.0 were two groups, two DISTINCT values, no join match.
     * 22012 for a zero {@code b}.
     */
    public static BigDecimal mod(BigDecimal a, BigDecimal b, int scale) {
        if (b.signum() == 0) {
            throw SqlErrors.of(SqlErrors.DIVISION_BY_ZERO, "division by zero");
        }
        return a.remainder(b).setScale(scale, RoundingMode.HALF_UP);
    }

    /** {@code a / b} to {@code scale} fraction digits, half away from zero; 22012 for a zero {@code b}. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b, int scale) {
        if (b.signum() == 0) {
            throw SqlErrors.of(SqlErrors.DIVISION_BY_ZERO, "division by zero");
        }
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }
}
