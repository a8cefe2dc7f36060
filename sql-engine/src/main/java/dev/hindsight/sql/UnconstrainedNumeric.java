package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlJsonValueFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code CAST(x AS NUMERIC)} (also {@code DECIMAL}, {@code x::numeric}) written without a precision keeps the value's
 * digits, as PostgreSQL's unconstrained {@code numeric} does: {@code '3.75'::numeric} is 3.75, and
 * {@code ROUND(AVG(x)::numeric, 2)}, PostgreSQL's idiom for rounding a floating-point number, rounds the average.
 * Calcite read the type as {@code DECIMAL(38, 0)} and rounded every value to a whole number.
 *
 * <p>The validator's rewrite ({@link #rewrite}) puts a call of {@link #OPERATOR} in the cast's place; its type is the
 * value's own for a {@code DECIMAL}, a {@code DECIMAL} of no fraction for an integer, and {@code DECIMAL(38, 16)} for
 * a floating-point number or text, each value keeping its own scale within it: a {@code DOUBLE}'s 15 significant
 * digits ({@code REAL}: 6), as PostgreSQL's cast keeps, and text's digits as written ({@code '1.50'} is 1.50),
 * rounded to 16 after the point. Text that is no number is 22018, a value beyond 22 digits before the point 22003. A
 * {@code ?} is read as text, so a client's value keeps its digits. Other types are 42846 as PostgreSQL says. Public
 * for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class UnconstrainedNumeric {

    /** Digits kept after the point of a floating-point number or text. */
    static final int SCALE = 16;
    /** The significant digits PostgreSQL's cast to {@code numeric} keeps of a {@code DOUBLE} (its DBL_DIG). */
    static final int DOUBLE_DIGITS = 15;
    /** The significant digits PostgreSQL's cast to {@code numeric} keeps of a {@code REAL} (its FLT_DIG). */
    static final int REAL_DIGITS = 6;

    private static final int WHOLE_DIGITS = HindsightTypeSystem.MAX_DECIMAL_DIGITS - SCALE;

    /** The cast's stand-in, which the validator finds by its name as the grammar's functions. */
    static final SqlFunction OPERATOR = new SqlFunction("HINDSIGHT_NUMERIC", SqlKind.OTHER_FUNCTION,
        UnconstrainedNumeric::typeOf, (binding, returnType, operandTypes) -> operandTypes[0] =
            binding.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), new Operand(), SqlFunctionCategory.NUMERIC);

    private static final SqlUserDefinedFunction OF_DOUBLE = implementation("ofDouble", SqlTypeName.DOUBLE);
    private static final SqlUserDefinedFunction OF_REAL = implementation("ofReal", SqlTypeName.REAL);
    private static final SqlUserDefinedFunction OF_TEXT = implementation("ofText", SqlTypeName.VARCHAR);

    private UnconstrainedNumeric() {
    }

    /**
     * {@code node}, or if it is a cast to {@code NUMERIC} of no precision, a call of {@link #OPERATOR}; a
     * {@code JSON_VALUE(… RETURNING NUMERIC)} of no precision returns a {@code DECIMAL(38, 16)}, text's type here
     * (Calcite's {@code DECIMAL(38, 0)} rounded 2.5 to 3), its other rules (NULL on an error) as they were.
     */
    static SqlNode rewrite(SqlNode node) {
        if (node.getKind() == SqlKind.CAST && node instanceof SqlCall cast && cast.operandCount() == 2
            && unconstrained(cast.operand(1))) {
            return OPERATOR.createCall(cast.getParserPosition(), List.of(cast.operand(0)));
        }
        if (node instanceof SqlCall json && json.getOperator() instanceof SqlJsonValueFunction) {
            for (int i = 0; i < json.operandCount(); i++) {
                if (unconstrained(json.operand(i))) {
                    SqlParserPos pos = json.operand(i).getParserPosition();
                    json.setOperand(i, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL,
                        HindsightTypeSystem.MAX_DECIMAL_DIGITS, SCALE, pos), pos));
                }
            }
        }
        return node;
    }

    /** Whether {@code operand} is the type {@code NUMERIC} (or {@code DECIMAL}) written without a precision. */
    private static boolean unconstrained(SqlNode operand) {
        return operand instanceof SqlDataTypeSpec spec && spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec name
            && SqlTypeName.get(name.getTypeName().getSimple().toUpperCase(Locale.ROOT)) == SqlTypeName.DECIMAL
            && name.getPrecision() < 0;
    }

    /** Whether {@code operator} is {@link #OPERATOR}. */
    static boolean applies(SqlOperator operator) {
        return OPERATOR.equals(operator);
    }

    /** A call of {@link #OPERATOR} as the value itself, a cast of an integer, or this class's method of it. */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            RexBuilder rex = cx.getRexBuilder();
            RelDataType type = cx.getValidator().getValidatedNodeType(call);
            RexNode value = cx.convertExpression(call.operand(0));
            SqlTypeName from = value.getType().getSqlTypeName();
            return switch (from) {
                case NULL -> rex.makeNullLiteral(type);
                case DECIMAL -> value;
                case TINYINT, SMALLINT, INTEGER, BIGINT -> rex.makeCast(type, value, true, false);
                case DOUBLE, FLOAT -> rex.makeCall(type, OF_DOUBLE, List.of(value));
                case REAL -> rex.makeCall(type, OF_REAL, List.of(value));
                default -> rex.makeCall(type, OF_TEXT, List.of(rex.makeCast(cx.getTypeFactory()
                    .createTypeWithNullability(cx.getTypeFactory().createSqlType(SqlTypeName.VARCHAR),
                        value.getType().isNullable()), value, true, false)));
            };
        };
    }

    /** A {@code DOUBLE} to its 15 significant digits, as PostgreSQL's cast to {@code numeric}. */
    public static BigDecimal ofDouble(double value) {
        return ofFloating(value, DOUBLE_DIGITS);
    }

    /** A {@code REAL} to its 6 significant digits, as PostgreSQL's cast to {@code numeric}. */
    public static BigDecimal ofReal(float value) {
        return ofFloating(value, REAL_DIGITS);
    }

    /** Text's number, its digits as written. */
    public static BigDecimal ofText(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw SqlErrors.of(SqlErrors.INVALID_CHARACTER_VALUE_FOR_CAST, "invalid input syntax for type numeric: \""
                + text + "\"");
        }
        return fitted(value);
    }

    private static BigDecimal ofFloating(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "cannot convert " + value + " to numeric");
        }
        return fitted(significant(value, digits));
    }

    /**
     * Finite {@code value} to its {@code digits} significant digits ({@link #DOUBLE_DIGITS}, {@link #REAL_DIGITS}),
     * trailing zeros dropped: the number PostgreSQL's cast of a floating-point value to {@code numeric} takes, here
     * and in a cast to {@code DECIMAL(p, s)} ({@link FloatDecimalCast}).
     */
    static BigDecimal significant(double value, int digits) {
        return value == 0 ? BigDecimal.ZERO
            : new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /**
     * {@code value} at the type's scale, {@link #SCALE} digits after the point (rounded beyond), as every value of a
     * DECIMAL column must be: Calcite's grouping, {@code DISTINCT} and joins compare values with their scale, so 1.5
     * and 1.50 kept apart were two groups; 22003 beyond the type.
     */
    private static BigDecimal fitted(BigDecimal value) {
        BigDecimal fitted = HindsightTypeSystem.decimalValue(value, SCALE);
        if (fitted == null) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow: " + value
                .toPlainString() + " has more than " + WHOLE_DIGITS + " digits before the point; cast to "
                + "NUMERIC(38, 0) for whole numbers of up to 38");
        }
        return fitted;
    }

    /** The value's own type for a {@code DECIMAL}, of no fraction for an integer, else {@code DECIMAL(38, 16)}. */
    private static RelDataType typeOf(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType from = binding.getOperandType(0);
        RelDataType type = switch (from.getSqlTypeName()) {
            case DECIMAL -> from;
            case TINYINT, SMALLINT, INTEGER, BIGINT -> types.createSqlType(SqlTypeName.DECIMAL, from.getPrecision(), 0);
            default -> types.createSqlType(SqlTypeName.DECIMAL, HindsightTypeSystem.MAX_DECIMAL_DIGITS, SCALE);
        };
        return types.createTypeWithNullability(type, from.isNullable());
    }

    /** A number, text or NULL; anything else is 42846, as PostgreSQL's cast says. */
    private static final class Operand implements SqlOperandTypeChecker {

        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            RelDataType type = binding.getOperandType(0);
            if (SqlTypeUtil.isNumeric(type) || SqlTypeUtil.inCharFamily(type)
                || type.getSqlTypeName() == SqlTypeName.NULL || type.getSqlTypeName() == SqlTypeName.UNKNOWN) {
                return true; // a ? is UNKNOWN until its type is inferred, as text
            }
            if (!throwOnFailure) {
                return false;
            }
            throw SqlErrors.of(SqlErrors.CANNOT_COERCE, "cannot cast type "
                + type.getSqlTypeName().getName().toLowerCase(Locale.ROOT) + " to numeric");
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.of(1);
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return "CAST(<NUMBER or TEXT> AS NUMERIC)";
        }
    }

    private static SqlUserDefinedFunction implementation(String method, SqlTypeName from) {
        return HindsightConvertlets.function("HINDSIGHT_NUMERIC", ReturnTypes.ARG0_NULLABLE, SqlTypeFamily.ANY,
            types -> types.createSqlType(from), UnconstrainedNumeric.class, method);
    }
}
