package dev.hindsight.sql;

import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * {@code EXTRACT(EPOCH FROM x)} (and {@code date_part('epoch', x)}) as PostgreSQL's: the seconds since 1970-01-01
 * 00:00 as a number with the milliseconds, {@code 1793527200.123} for a {@code ts} of 10:00:00.123. Calcite's is a
 * BIGINT of whole seconds, and its type cannot be changed on the way to row expressions (the conversion must keep the
 * validated types), so {@link PostgresSpellings} writes this operator instead before validation, and
 * {@link HindsightConvertlets} converts it here.
 *
 * <pre>
 *   TIMESTAMP, TIME, day-time INTERVAL   its milliseconds / 1000     DECIMAL(19,3)
 *   DATE                                 its days × 86400            DECIMAL(19,0)
 *   year-month INTERVAL                  its months × 2629800        DECIMAL(19,0)  (30.4375 days a month, as
 *                                                                                   PostgreSQL counts)
 * </pre>
 */
final class EpochExtract {

    private static final int PRECISION = 19;
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final BigDecimal SECONDS_PER_MONTH = BigDecimal.valueOf(2_629_800);

    /** The operator {@link PostgresSpellings} puts in place of {@code EXTRACT(EPOCH FROM x)}. */
    static final SqlFunction OPERATOR = new SqlFunction("EXTRACT_EPOCH", SqlKind.OTHER_FUNCTION,
        binding -> type(binding.getTypeFactory(), binding.getOperandType(0)), null,
        OperandTypes.or(OperandTypes.DATETIME, OperandTypes.INTERVAL), SqlFunctionCategory.TIMEDATE) {

        /** Typed from its operand, as EXTRACT is: not looked up by name, it is in no operator table. */
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            validator.deriveType(scope, call.operand(0));
            return validateOperands(validator, scope, call);
        }
    };

    private EpochExtract() {
    }

    private static RelDataType type(RelDataTypeFactory types, RelDataType operand) {
        int scale = milliseconds(operand) ? 3 : 0;
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL, PRECISION, scale),
            operand.isNullable());
    }

    /** Whether {@code type} is held as milliseconds (a TIMESTAMP, TIME or day-time interval), not days or months. */
    private static boolean milliseconds(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        return name == SqlTypeName.TIMESTAMP || name == SqlTypeName.TIME
            || SqlTypeName.DAY_INTERVAL_TYPES.contains(name);
    }

    /** The row expression of {@code call}, a call of {@link #OPERATOR}, from the value's internal number. */
    static RexNode convert(SqlRexContext cx, SqlCall call) {
        RelDataType operand = cx.getValidator().getValidatedNodeType(call.operand(0));
        RelDataType result = cx.getValidator().getValidatedNodeType(call);
        RelDataTypeFactory types = cx.getTypeFactory();
        RexBuilder rex = cx.getRexBuilder();
        boolean millis = milliseconds(operand);
        // TIMESTAMP and day-time intervals are a long of milliseconds inside Calcite, TIME an int of them, DATE an
        // int of days, a year-month interval an int of months
        SqlTypeName name = operand.getSqlTypeName();
        SqlTypeName held = name == SqlTypeName.TIMESTAMP || SqlTypeName.DAY_INTERVAL_TYPES.contains(name)
            ? SqlTypeName.BIGINT : SqlTypeName.INTEGER;
        RexNode number = rex.makeReinterpretCast(
            types.createTypeWithNullability(types.createSqlType(held), operand.isNullable()),
            cx.convertExpression(call.operand(0)), rex.makeLiteral(false));
        RexNode decimal = rex.makeCast(types.createTypeWithNullability(
            types.createSqlType(SqlTypeName.DECIMAL, PRECISION, millis ? 3 : 0), operand.isNullable()), number);
        RexNode seconds = millis
            ? rex.makeCall(SqlStdOperatorTable.DIVIDE, decimal, rex.makeExactLiteral(BigDecimal.valueOf(1000)))
            : rex.makeCall(SqlStdOperatorTable.MULTIPLY, decimal, rex.makeExactLiteral(
                operand.getSqlTypeName() == SqlTypeName.DATE ? SECONDS_PER_DAY : SECONDS_PER_MONTH));
        return rex.makeCast(result, seconds, true, false);
    }
}
