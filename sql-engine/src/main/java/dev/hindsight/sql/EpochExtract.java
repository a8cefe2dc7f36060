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
 *   TIMESTAMP, TIME, day-time INTERVAL   its milliseconds / 1000                          DECIMAL(19,3)
 *   DATE                                 its days × 86400                                 DECIMAL(19,0)
 *   year-month INTERVAL                  years × 365.25 days + months beyond × 30 days    DECIMAL(19,0)
 * </pre>
 *
 * (the last as PostgreSQL counts, the years and months cut toward zero: {@code '13' MONTH} is 34149600, minus that
 * for {@code '-13' MONTH}). The {@code WITH LOCAL TIME ZONE} types count as the plain ones: the same numbers inside.
 */
final class EpochExtract {

    private static final int PRECISION = 19;
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final BigDecimal SECONDS_PER_YEAR = BigDecimal.valueOf(31_557_600);
    private static final BigDecimal SECONDS_PER_30_DAYS = BigDecimal.valueOf(2_592_000);

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
        return name == SqlTypeName.TIME || name == SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE || heldAsLong(name);
    }

    /** Whether values of {@code name} are a {@code long} of milliseconds inside Calcite (else an {@code int}). */
    private static boolean heldAsLong(SqlTypeName name) {
        return name == SqlTypeName.TIMESTAMP || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
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
        RexNode number = rex.makeReinterpretCast(types.createTypeWithNullability(
                types.createSqlType(heldAsLong(name) ? SqlTypeName.BIGINT : SqlTypeName.INTEGER), operand.isNullable()),
            cx.convertExpression(call.operand(0)), rex.makeLiteral(false));
        RexNode seconds;
        if (millis) {
            seconds = rex.makeCall(SqlStdOperatorTable.DIVIDE, decimal(cx, number, 3, operand),
                rex.makeExactLiteral(BigDecimal.valueOf(1000)));
        } else if (name == SqlTypeName.DATE) {
            seconds = rex.makeCall(SqlStdOperatorTable.MULTIPLY, decimal(cx, number, 0, operand),
                rex.makeExactLiteral(SECONDS_PER_DAY));
        } else {
            RexNode twelve = rex.makeExactLiteral(BigDecimal.valueOf(12));
            // integer division and MOD cut toward zero, as PostgreSQL's interval_part does
            RexNode years = rex.makeCall(SqlStdOperatorTable.DIVIDE, number, twelve);
            RexNode months = rex.makeCall(SqlStdOperatorTable.MOD, number, twelve);
            seconds = rex.makeCall(SqlStdOperatorTable.PLUS,
                rex.makeCall(SqlStdOperatorTable.MULTIPLY, decimal(cx, years, 0, operand),
                    rex.makeExactLiteral(SECONDS_PER_YEAR)),
                rex.makeCall(SqlStdOperatorTable.MULTIPLY, decimal(cx, months, 0, operand),
                    rex.makeExactLiteral(SECONDS_PER_30_DAYS)));
        }
        return rex.makeCast(result, seconds, true, false);
    }

    private static RexNode decimal(SqlRexContext cx, RexNode number, int scale, RelDataType operand) {
        RelDataTypeFactory types = cx.getTypeFactory();
        return cx.getRexBuilder().makeCast(types.createTypeWithNullability(
            types.createSqlType(SqlTypeName.DECIMAL, PRECISION, scale), operand.isNullable()), number);
    }
}
