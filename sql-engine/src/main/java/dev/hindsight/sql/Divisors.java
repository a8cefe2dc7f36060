package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeInference;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * PostgreSQL's {@code DIV}, {@code GCD} and {@code LCM}, which Calcite lacks (they were 42883), of exact numbers
 * (integers and decimals; PostgreSQL has no floating-point ones either):
 * <ul>
 *   <li>{@code DIV(y, x)}: the whole quotient, truncated toward zero ({@code DIV(-7, 2)} is {@code -3}), a
 *       {@code NUMERIC} of no fraction; 22012 for a zero {@code x};</li>
 *   <li>{@code GCD(a, b)} and {@code LCM(a, b)}: never negative; {@code GCD(0, 0)} and {@code LCM(0, b)} are 0; an
 *       {@code INTEGER} of two integers, a {@code BIGINT} if either is one, else a {@code NUMERIC} with the larger
 *       scale of the two ({@code GCD(1.5, 2.25)} is {@code 0.75}); 22003 ("integer out of range") where the answer
 *       does not fit its type ({@code GCD(-2147483648, 0)}).</li>
 * </ul>
 * The validator finds {@link #FUNCTIONS}; the convertlet ({@link #convertlet}) calls the method of the answer's type.
 * Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class Divisors {

    private static final SqlReturnTypeInference QUOTIENT = ReturnTypes.explicit(types -> types.createSqlType(
        SqlTypeName.DECIMAL, HindsightTypeSystem.MAX_DECIMAL_DIGITS, 0)).andThen(
        (binding, type) -> nullableAsOperands(binding, type));

    static final SqlFunction DIV = function("DIV", QUOTIENT);
    static final SqlFunction GCD = function("GCD", Divisors::common);
    static final SqlFunction LCM = function("LCM", Divisors::common);

    /** The functions as the validator finds them. */
    static final List<SqlOperator> FUNCTIONS = List.of(DIV, GCD, LCM);

    private static final Set<SqlOperator> OURS = Set.copyOf(FUNCTIONS);

    private static final SqlUserDefinedFunction DIV_DECIMAL = implementation("HINDSIGHT_DIV", "div");
    private static final SqlUserDefinedFunction GCD_INTEGER = implementation("HINDSIGHT_GCD", "gcdInteger");
    private static final SqlUserDefinedFunction GCD_BIGINT = implementation("HINDSIGHT_GCD", "gcdBigint");
    private static final SqlUserDefinedFunction GCD_DECIMAL = implementation("HINDSIGHT_GCD", "gcdDecimal");
    private static final SqlUserDefinedFunction LCM_INTEGER = implementation("HINDSIGHT_LCM", "lcmInteger");
    private static final SqlUserDefinedFunction LCM_BIGINT = implementation("HINDSIGHT_LCM", "lcmBigint");
    private static final SqlUserDefinedFunction LCM_DECIMAL = implementation("HINDSIGHT_LCM", "lcmDecimal");

    private Divisors() {
    }

    /** Whether {@code operator} is one of these functions. */
    static boolean applies(SqlOperator operator) {
        return OURS.contains(operator);
    }

    /** The call, as a call of the method of its answer's type, its operands cast to that type. */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            RexBuilder rex = cx.getRexBuilder();
            RelDataTypeFactory types = cx.getTypeFactory();
            RelDataType type = cx.getValidator().getValidatedNodeType(call);
            SqlTypeName name = type.getSqlTypeName();
            List<RexNode> operands = new ArrayList<>();
            for (var operand : call.getOperandList()) {
                RexNode value = cx.convertExpression(operand);
                RelDataType own = value.getType();
                RelDataType as = name != SqlTypeName.DECIMAL ? types.createSqlType(name)
                    : own.getSqlTypeName() == SqlTypeName.DECIMAL ? own
                    : types.createSqlType(SqlTypeName.DECIMAL, 19, 0); // a whole number
                operands.add(rex.makeCast(types.createTypeWithNullability(as, own.isNullable()), value, true, false));
            }
            SqlOperator operator = call.getOperator();
            SqlUserDefinedFunction method;
            if (DIV.equals(operator)) {
                method = DIV_DECIMAL;
            } else if (GCD.equals(operator)) {
                method = name == SqlTypeName.INTEGER ? GCD_INTEGER : name == SqlTypeName.BIGINT ? GCD_BIGINT
                    : GCD_DECIMAL;
            } else {
                method = name == SqlTypeName.INTEGER ? LCM_INTEGER : name == SqlTypeName.BIGINT ? LCM_BIGINT
                    : LCM_DECIMAL;
            }
            return rex.makeCall(type, method, operands);
        };
    }

    /** {@code DIV(y, x)}: the whole quotient, truncated toward zero. */
    public static BigDecimal div(BigDecimal y, BigDecimal x) {
        if (x.signum() == 0) {
            throw SqlErrors.of(SqlErrors.DIVISION_BY_ZERO, "division by zero");
        }
        return y.divideToIntegralValue(x).setScale(0, RoundingMode.DOWN);
    }

    /** {@code GCD} of two {@code INTEGER}s. */
    public static int gcdInteger(int a, int b) {
        return integer(BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)));
    }

    /** {@code GCD} of two {@code BIGINT}s. */
    public static long gcdBigint(long a, long b) {
        return bigint(BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)));
    }

    /** {@code GCD} of two decimals, at the larger scale of the two. */
    public static BigDecimal gcdDecimal(BigDecimal a, BigDecimal b) {
        int scale = Math.max(a.scale(), b.scale());
        return new BigDecimal(unscaled(a, scale).gcd(unscaled(b, scale)), scale);
    }

    /** {@code LCM} of two {@code INTEGER}s. */
    public static int lcmInteger(int a, int b) {
        return integer(lcm(BigInteger.valueOf(a), BigInteger.valueOf(b)));
    }

    /** {@code LCM} of two {@code BIGINT}s. */
    public static long lcmBigint(long a, long b) {
        return bigint(lcm(BigInteger.valueOf(a), BigInteger.valueOf(b)));
    }

    /** {@code LCM} of two decimals, at the larger scale of the two. */
    public static BigDecimal lcmDecimal(BigDecimal a, BigDecimal b) {
        int scale = Math.max(a.scale(), b.scale());
        return new BigDecimal(lcm(unscaled(a, scale), unscaled(b, scale)), scale);
    }

    private static BigInteger lcm(BigInteger a, BigInteger b) {
        if (a.signum() == 0 || b.signum() == 0) {
            return BigInteger.ZERO;
        }
        return a.multiply(b).abs().divide(a.gcd(b));
    }

    private static BigInteger unscaled(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
    }

    private static int integer(BigInteger value) {
        if (value.bitLength() > 31) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range: " + value);
        }
        return value.intValue();
    }

    private static long bigint(BigInteger value) {
        if (value.bitLength() > 63) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range: " + value);
        }
        return value.longValue();
    }

    /**
     * The type of {@code GCD} and {@code LCM}: a decimal of the larger scale if either operand is one, else a
     * {@code BIGINT} if either is one, else an {@code INTEGER}.
     */
    private static RelDataType common(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType a = binding.getOperandType(0);
        RelDataType b = binding.getOperandType(1);
        RelDataType type;
        if (a.getSqlTypeName() == SqlTypeName.DECIMAL || b.getSqlTypeName() == SqlTypeName.DECIMAL) {
            type = types.createSqlType(SqlTypeName.DECIMAL, HindsightTypeSystem.MAX_DECIMAL_DIGITS,
                Math.max(Math.max(a.getScale(), b.getScale()), 0));
        } else if (a.getSqlTypeName() == SqlTypeName.BIGINT || b.getSqlTypeName() == SqlTypeName.BIGINT) {
            type = types.createSqlType(SqlTypeName.BIGINT);
        } else {
            type = types.createSqlType(SqlTypeName.INTEGER);
        }
        return nullableAsOperands(binding, type);
    }

    private static RelDataType nullableAsOperands(SqlOperatorBinding binding, RelDataType type) {
        boolean nullable = binding.getOperandType(0).isNullable() || binding.getOperandType(1).isNullable();
        return binding.getTypeFactory().createTypeWithNullability(type, nullable);
    }

    /**
     * A function of two exact numbers, as the validator finds it. A parameter of {@code DIV} (of numerics only in
     * PostgreSQL) is a {@code DECIMAL(38, 16)}; of {@code GCD} or {@code LCM} the other operand's integer type, a
     * {@code DECIMAL(38, 16)} beside a decimal (not the literal's own, which would round what is bound), and a
     * {@code BIGINT} beside another parameter (PostgreSQL cannot choose between the types either).
     */
    private static SqlFunction function(String name, SqlReturnTypeInference returns) {
        boolean numericOnly = name.equals("DIV");
        SqlOperandTypeInference parameters = (binding, returnType, operandTypes) -> {
            RelDataType unknown = binding.getValidator().getUnknownType();
            RelDataType decimal = binding.getTypeFactory().createSqlType(SqlTypeName.DECIMAL,
                HindsightTypeSystem.MAX_DECIMAL_DIGITS, UnconstrainedNumeric.SCALE);
            RelDataType fill = numericOnly ? decimal : binding.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
            for (SqlNode operand : binding.operands()) {
                RelDataType type = SqlTypeUtil.deriveType(binding, operand);
                if (!numericOnly && !type.equals(unknown)) {
                    fill = type.getSqlTypeName() == SqlTypeName.DECIMAL ? decimal : type;
                    break;
                }
            }
            for (int i = 0; i < operandTypes.length; i++) {
                RelDataType type = SqlTypeUtil.deriveType(binding, binding.operand(i));
                operandTypes[i] = type.equals(unknown) ? fill : type;
            }
        };
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, returns, parameters,
            OperandTypes.family(SqlTypeFamily.EXACT_NUMERIC, SqlTypeFamily.EXACT_NUMERIC),
            SqlFunctionCategory.NUMERIC);
    }

    /** One of this class's methods, as the convertlet calls it (typed by the call it replaces). */
    private static SqlUserDefinedFunction implementation(String name, String method) {
        return HindsightConvertlets.function(name, ReturnTypes.ARG0_NULLABLE,
            List.of(SqlTypeFamily.EXACT_NUMERIC, SqlTypeFamily.EXACT_NUMERIC),
            types -> List.of(types.createSqlType(SqlTypeName.DECIMAL), types.createSqlType(SqlTypeName.DECIMAL)),
            Divisors.class, method);
    }
}
