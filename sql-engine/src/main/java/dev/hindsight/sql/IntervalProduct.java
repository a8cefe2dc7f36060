package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * An interval times or divided by a number, as PostgreSQL answers them, in the forms Calcite can run: Calcite
 * implements {@code 1.5 * INTERVAL '1' DAY} and {@code INTERVAL '1' HOUR / 2}, but had no code for
 * {@code INTERVAL '1' DAY * 1.5}, for a {@code DOUBLE} factor, or for a divisor with a fraction (0A000 with its plan
 * printed). {@link HindsightSqlValidator} calls {@link #rewrite} as it types a {@code *} or {@code /}:
 *
 * <pre>
 *   interval * number     → number * interval                                the order Calcite runs
 *   double * interval     → CAST(double AS DECIMAL(38, 16)) * interval       Calcite multiplies by a DECIMAL only
 *   interval / fraction   → (EXTRACT_EPOCH(interval) / fraction) * INTERVAL '1' SECOND   to the millisecond
 * </pre>
 * An interval of years or months divided by a fraction or a whole number that leaves a fraction of a month (when it
 * runs), or multiplied by a fraction, is 0A000: PostgreSQL's answer carries the rest into days of 30, which such an
 * interval cannot hold (Calcite cut it off).
 */
public final class IntervalProduct {

    private IntervalProduct() {
    }

    /** {@code call}, a {@code *} or {@code /}, in one of the forms above if it is one of an interval and a number. */
    static void rewrite(SqlValidator validator, SqlValidatorScope scope, SqlBasicCall call) {
        if (call.operandCount() != 2 || !HindsightSqlValidator.typedAlone(call.operand(0))
            || !HindsightSqlValidator.typedAlone(call.operand(1))) {
            return;
        }
        RelDataType left = validator.deriveType(scope, call.operand(0));
        RelDataType right = validator.deriveType(scope, call.operand(1));
        SqlParserPos pos = call.getParserPosition();
        if (call.getKind() == SqlKind.TIMES && SqlTypeUtil.isInterval(left) && SqlTypeUtil.isNumeric(right)) {
            SqlNode interval = call.operand(0);
            call.setOperand(0, call.operand(1));
            call.setOperand(1, interval);
            rewrite(validator, scope, call);
            return;
        }
        boolean fraction = SqlTypeUtil.isApproximateNumeric(left)
            || (left.getSqlTypeName() == SqlTypeName.DECIMAL && left.getScale() > 0);
        if (call.getKind() == SqlKind.DIVIDE && SqlTypeUtil.isInterval(left) && SqlTypeUtil.isNumeric(right)) {
            widen(call, 0, left, pos);
        } else if (call.getKind() == SqlKind.TIMES && SqlTypeUtil.isInterval(right) && fraction) {
            widen(call, 1, right, pos);
        }
        if (call.getKind() == SqlKind.TIMES && right.getSqlTypeName().getFamily()
            == SqlTypeFamily.INTERVAL_YEAR_MONTH && fraction) {
            // Calcite cut the product to whole months: INTERVAL '1' MONTH * 0.5 was 0, PostgreSQL's 15 days
            call.setOperator(MONTHS_TIMES);
        } else if (call.getKind() == SqlKind.TIMES && SqlTypeUtil.isApproximateNumeric(left)
            && SqlTypeUtil.isInterval(right)) {
            call.setOperand(0, decimal(call.operand(0), pos));
        } else if (call.getKind() == SqlKind.DIVIDE && left.getSqlTypeName().getFamily()
            == SqlTypeFamily.INTERVAL_YEAR_MONTH && SqlTypeUtil.isExactNumeric(right)
            && right.getSqlTypeName() != SqlTypeName.DECIMAL) {
            // Calcite divided the months as integers: INTERVAL '1' MONTH / 2 was 0, '5' MONTH / 2 two months
            call.setOperator(MONTHS_DIVIDED);
        } else if (call.getKind() == SqlKind.DIVIDE && SqlTypeUtil.isInterval(left)
            && (SqlTypeUtil.isApproximateNumeric(right) || right.getSqlTypeName() == SqlTypeName.DECIMAL)) {
            if (left.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
                // PostgreSQL carries a fraction of a month into days of 30; counted in seconds here, a year would be
                // 365.25 days (INTERVAL '1' YEAR / 2.5 would be 146.1 days, PostgreSQL's 4 mons 24 days)
                throw fractionOfAMonth("divided by a fraction or a DOUBLE; divide it by a whole number");
            }
            SqlNode seconds = SqlStdOperatorTable.DIVIDE.createCall(pos,
                EpochExtract.OPERATOR.createCall(pos, call.<SqlNode>operand(0)), decimal(call.operand(1), pos));
            call.setOperator(SqlStdOperatorTable.MULTIPLY);
            call.setOperand(0, seconds);
            call.setOperand(1, oneSecond(left.getIntervalQualifier().getStartUnit(), pos));
        }
    }

    /**
     * The interval operand {@code index} of {@code call} cast to one that ends in seconds (of days, hours or minutes)
     * or months (of years), so that a quotient or a product by a fraction keeps what falls below the interval's last
     * field: typed as the interval, {@code INTERVAL '1' DAY / 2} printed {@code +0} over JDBC (PostgreSQL's
     * {@code 12:00:00}), {@code INTERVAL '1' YEAR / 4} {@code +0} (its 3 mons).
     */
    private static void widen(SqlBasicCall call, int index, RelDataType interval, SqlParserPos pos) {
        SqlIntervalQualifier qualifier = interval.getIntervalQualifier();
        TimeUnit start = qualifier.getStartUnit();
        TimeUnit end = start == TimeUnit.YEAR || start == TimeUnit.MONTH ? TimeUnit.MONTH : TimeUnit.SECOND;
        if (start == end || qualifier.getUnit() == end) {
            return;
        }
        call.setOperand(index, SqlStdOperatorTable.CAST.createCall(pos, call.operand(index),
            new SqlIntervalQualifier(start, end, pos)));
    }

    /**
     * An interval of years or months divided by a whole number, written {@code /} still, whose convertlet calls
     * {@link #wholeMonths}: the quotient if it is a whole number of months, else 0A000.
     */
    private static final SqlOperator MONTHS_DIVIDED = operator("/", 60, ReturnTypes.ARG0_NULLABLE,
        OperandTypes.family(SqlTypeFamily.INTERVAL_YEAR_MONTH, SqlTypeFamily.EXACT_NUMERIC));

    /**
     * A fraction or a DOUBLE times an interval of years or months, written {@code *} still, whose convertlet calls
     * {@link #monthsTimes}: the product if it is a whole number of months, else 0A000.
     */
    private static final SqlOperator MONTHS_TIMES = operator("*", 40, ReturnTypes.ARG1_NULLABLE,
        OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.INTERVAL_YEAR_MONTH));

    /** An operator written {@code name} still, typed as {@code returns} says, not looked up by its name. */
    private static SqlOperator operator(String name, int precedence, SqlReturnTypeInference returns,
                                        SqlOperandTypeChecker operands) {
        return new SqlBinaryOperator(name, SqlKind.OTHER, precedence, true, returns, InferTypes.FIRST_KNOWN,
            operands) {
            @Override
            public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
                // this operator, not one looked up by its name, which is the standard one's
                for (SqlNode operand : call.getOperandList()) {
                    validator.deriveType(scope, operand);
                }
                return validateOperands(validator, scope, call);
            }
        };
    }

    /** Whether {@code operator} is an interval of months divided or multiplied as above ({@link #rewrite}). */
    static boolean applies(SqlOperator operator) {
        return MONTHS_DIVIDED.equals(operator) || MONTHS_TIMES.equals(operator);
    }

    /** The convertlet of {@link #applies}' operators: {@link #wholeMonths} or {@link #monthsTimes} when it runs. */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            RexBuilder rex = cx.getRexBuilder();
            RelDataTypeFactory types = cx.getTypeFactory();
            boolean divided = MONTHS_DIVIDED.equals(call.getOperator());
            RexNode number = cx.convertExpression(call.operand(divided ? 1 : 0));
            RexNode months = cx.convertExpression(call.operand(divided ? 0 : 1));
            RelDataType numberType = divided ? types.createSqlType(SqlTypeName.BIGINT)
                : types.createSqlType(SqlTypeName.DECIMAL, FACTOR_PRECISION, FACTOR_SCALE);
            RexNode cast = rex.makeCast(types.createTypeWithNullability(numberType, number.getType().isNullable()),
                number);
            return rex.makeCall(cx.getValidator().getValidatedNodeType(call), divided ? WHOLE_MONTHS : MONTHS_TIMES_FN,
                divided ? List.of(months, cast) : List.of(cast, months));
        };
    }

    private static final int FACTOR_PRECISION = 38;
    private static final int FACTOR_SCALE = 16;

    private static final SqlUserDefinedFunction MONTHS_TIMES_FN = HindsightConvertlets.function(
        "HINDSIGHT_INTERVAL_MONTHS_TIMES", ReturnTypes.ARG1_NULLABLE,
        List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.INTERVAL_YEAR_MONTH),
        types -> List.of(types.createSqlType(SqlTypeName.DECIMAL, FACTOR_PRECISION, FACTOR_SCALE),
            types.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.MONTH, null, SqlParserPos.ZERO))),
        IntervalProduct.class, "monthsTimes");

    /**
     * {@code months} times {@code factor} if that is a whole number of months (PostgreSQL's answer then); else 0A000,
     * as {@link #wholeMonths}. Public for generated code.
     */
    public static Integer monthsTimes(BigDecimal factor, Integer months) {
        if (factor == null || months == null) {
            return null;
        }
        BigDecimal product = factor.multiply(BigDecimal.valueOf(months)).stripTrailingZeros();
        if (product.scale() > 0) {
            throw fractionOfAMonth("multiplied into a fraction of a month (" + months + " month(s) * "
                + factor.stripTrailingZeros().toPlainString() + "); multiply it by a number that leaves whole months");
        }
        try {
            return product.intValueExact();
        } catch (ArithmeticException e) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "interval out of range: " + months
                + " month(s) * " + factor.stripTrailingZeros().toPlainString());
        }
    }

    private static final SqlUserDefinedFunction WHOLE_MONTHS = HindsightConvertlets.function(
        "HINDSIGHT_INTERVAL_MONTHS_DIVIDED", ReturnTypes.ARG0_NULLABLE,
        List.of(SqlTypeFamily.INTERVAL_YEAR_MONTH, SqlTypeFamily.EXACT_NUMERIC),
        types -> List.of(types.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.MONTH, null,
            SqlParserPos.ZERO)), types.createSqlType(SqlTypeName.BIGINT)), IntervalProduct.class, "wholeMonths");

    /**
     * {@code months} divided by {@code divisor} if that is a whole number of months; 22012 for 0; else 0A000, since
     * PostgreSQL's answer carries the rest into days of 30, which an interval of months cannot hold (Calcite cut it
     * off: {@code INTERVAL '1' MONTH / 2} was 0, PostgreSQL's 15 days). Public for generated code.
     */
    public static Integer wholeMonths(Integer months, Long divisor) {
        if (months == null || divisor == null) {
            return null;
        }
        if (divisor == 0) {
            throw SqlErrors.of(SqlErrors.DIVISION_BY_ZERO, "division by zero");
        }
        if (months % divisor != 0) {
            throw fractionOfAMonth("divided into a fraction of a month (" + months + " month(s) / " + divisor
                + "); divide it by a whole number that leaves whole months");
        }
        return Math.toIntExact(months / divisor);
    }

    private static RuntimeException fractionOfAMonth(String how) {
        return SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "not supported: an interval of years or months " + how
            + ", or write it in days (PostgreSQL carries a fraction of a month into days of 30, which an interval of "
            + "months cannot hold)");
    }

    /**
     * One second, as an interval that starts where the divided one did: the quotient keeps its days
     * ({@code EXTRACT(HOUR FROM INTERVAL '3' DAY / 1.5)} is the hour of its day, 0; of seconds alone it would be
     * all its hours, 48, as {@link IntervalHours} counts an interval without days).
     */
    private static SqlNode oneSecond(TimeUnit start, SqlParserPos pos) {
        String text = switch (start) {
            case DAY -> "0 00:00:01";
            case HOUR -> "0:00:01";
            case MINUTE -> "0:01";
            default -> "1";
        };
        TimeUnit from = start == TimeUnit.DAY || start == TimeUnit.HOUR || start == TimeUnit.MINUTE ? start
            : TimeUnit.SECOND;
        return SqlLiteral.createInterval(1, text, new SqlIntervalQualifier(from, from == TimeUnit.SECOND ? null
            : TimeUnit.SECOND, pos), pos);
    }

    private static SqlNode decimal(SqlNode number, SqlParserPos pos) {
        return SqlStdOperatorTable.CAST.createCall(pos, number,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, 38, 16, pos), pos));
    }
}
