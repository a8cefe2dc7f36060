package dev.hindsight.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import dev.hindsight.sql.jdbc.SqlErrors;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A product of {@code DECIMAL}s whose exact type, Calcite's {@code DECIMAL(p1 + p2, s1 + s2)} capped at 38 digits,
 * would leave too few of them before the point: typed with fewer places instead, as many as leave room for the
 * integer digits and at least 16 (or the exact product's, if fewer), the value rounded to them half up. Two
 * unconstrained {@code NUMERIC}s ({@code DECIMAL(38, 16)}, {@link UnconstrainedNumeric}) multiply to a
 * {@code DECIMAL(38, 16)}; Calcite's {@code DECIMAL(38, 32)} held six integer digits (three factors
 * {@code DECIMAL(38, 38)}: none), and a comparison of such a product with a number above them was 22003 where
 * PostgreSQL answers ({@code CAST(a AS NUMERIC) * CAST(b AS NUMERIC) > 5000000}).
 *
 * <p>{@link HindsightSqlValidator} calls {@link #rewrite} as it derives a {@code *}'s type: the call takes
 * {@link #OPERATOR}, written {@code *} still, whose convertlet multiplies with {@link #multiply}. Only the products a
 * statement writes: those Calcite writes as it reduces a {@code VAR_*} or {@code STDDEV_*} keep the exact scale, so
 * the variance keeps its digits (not done in the type system for that reason). Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls multiply with values only
public final class DecimalProduct {

    /** The rewritten {@code *}: the product's type as above. */
    static final SqlOperator OPERATOR = new SqlBinaryOperator("*", SqlKind.OTHER, 40, true,
        DecimalProduct::typeOf, InferTypes.FIRST_KNOWN, OperandTypes.NUMERIC_NUMERIC) {
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            // this operator, not one looked up by its name, which is the standard *'s
            for (SqlNode operand : call.getOperandList()) {
                validator.deriveType(scope, operand);
            }
            return validateOperands(validator, scope, call);
        }
    };

    /** {@code HINDSIGHT_DECIMAL_MULTIPLY(a, b, scale)}: {@link #multiply}. */
    private static final SqlUserDefinedFunction MULTIPLY = HindsightConvertlets.function(
        "HINDSIGHT_DECIMAL_MULTIPLY", ReturnTypes.DECIMAL_PRODUCT_NULLABLE,
        List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER),
        types -> List.of(types.createSqlType(SqlTypeName.DECIMAL), types.createSqlType(SqlTypeName.DECIMAL),
            types.createSqlType(SqlTypeName.INTEGER)),
        DecimalProduct.class, "multiply");

    private DecimalProduct() {
    }

    /** {@code call}, a {@code *} of DECIMALs whose exact type has too few integer digits, takes {@link #OPERATOR}. */
    static void rewrite(SqlValidator validator, SqlValidatorScope scope, SqlBasicCall call) {
        if (call.getKind() != SqlKind.TIMES || call.operandCount() != 2) {
            return;
        }
        boolean leftTyped = HindsightSqlValidator.typedAlone(call.operand(0));
        boolean rightTyped = HindsightSqlValidator.typedAlone(call.operand(1));
        if (!leftTyped && !rightTyped) {
            return;
        }
        // a ? (or NULL) takes the other operand's type, as Calcite infers it: a DECIMAL(38, 16) beside one
        RelDataType left = leftTyped ? validator.deriveType(scope, call.operand(0)) : null;
        RelDataType right = rightTyped ? validator.deriveType(scope, call.operand(1)) : null;
        if (narrowed(validator.getTypeFactory(), left != null ? left : right, right != null ? right : left) != null) {
            call.setOperator(OPERATOR);
        }
    }

    /** Whether {@code operator} is {@link #OPERATOR}. */
    static boolean applies(SqlOperator operator) {
        return OPERATOR.equals(operator);
    }

    /** The product as {@link #multiply} to its type's scale. */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> {
            RexBuilder rex = cx.getRexBuilder();
            RelDataTypeFactory types = cx.getTypeFactory();
            RelDataType type = cx.getValidator().getValidatedNodeType(call);
            List<RexNode> operands = call.getOperandList().stream().map(cx::convertExpression).map(o -> o.getType()
                .getSqlTypeName() == SqlTypeName.DECIMAL ? o : rex.makeCast(types.createTypeWithNullability(
                    types.decimalOf(o.getType()), o.getType().isNullable()), o)).toList(); // an integer: exact
            return rex.makeCall(type, MULTIPLY, List.of(operands.get(0), operands.get(1),
                rex.makeExactLiteral(BigDecimal.valueOf(type.getScale()))));
        };
    }

    /** {@code a * b} to {@code scale} fraction digits, half away from zero, as a cast to the type would round. */
    public static BigDecimal multiply(BigDecimal a, BigDecimal b, int scale) {
        BigDecimal product = a.multiply(b).setScale(scale, RoundingMode.HALF_UP);
        if (product.precision() > HindsightTypeSystem.MAX_DECIMAL_DIGITS) {
            // beyond the type's 38 digits: a value no column of it holds, refused here, not by a later cast
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow: a product of "
                + (product.precision() - scale) + " digits before the point passes the "
                + (HindsightTypeSystem.MAX_DECIMAL_DIGITS - scale) + " of a DECIMAL(38, " + scale + ")");
        }
        return product;
    }

    private static RelDataType typeOf(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        RelDataType narrowed = narrowed(types, left, right);
        return narrowed == null ? ReturnTypes.PRODUCT_NULLABLE.inferReturnType(binding)
            : types.createTypeWithNullability(narrowed, left.isNullable() || right.isNullable());
    }

    /** The product's type with fewer places, if Calcite's leaves too few integer digits; else null. */
    private static @Nullable RelDataType narrowed(RelDataTypeFactory types, RelDataType left, RelDataType right) {
        if (!SqlTypeUtil.isExactNumeric(left) || !SqlTypeUtil.isExactNumeric(right)
            || (!SqlTypeUtil.isDecimal(left) && !SqlTypeUtil.isDecimal(right))) {
            return null;
        }
        RelDataType l = types.decimalOf(left);
        RelDataType r = types.decimalOf(right);
        int exactScale = l.getScale() + r.getScale();
        int whole = l.getPrecision() - l.getScale() + r.getPrecision() - r.getScale();
        int max = HindsightTypeSystem.MAX_DECIMAL_DIGITS;
        if (whole + exactScale <= max) {
            return null;
        }
        int scale = Math.min(max, Math.max(Math.min(exactScale, HindsightTypeSystem.MIN_FRACTION_DIGITS), max - whole));
        return scale >= exactScale ? null : types.createSqlType(SqlTypeName.DECIMAL, max, scale);
    }
}
