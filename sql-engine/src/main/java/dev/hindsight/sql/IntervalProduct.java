package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

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
 * An interval of years or months divided by a fraction is 0A000: PostgreSQL's answer counts months of 30 days, which
 * the seconds of such an interval do not.
 */
final class IntervalProduct {

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
        } else if (call.getKind() == SqlKind.TIMES && SqlTypeUtil.isApproximateNumeric(left)
            && SqlTypeUtil.isInterval(right)) {
            call.setOperand(0, decimal(call.operand(0), pos));
        } else if (call.getKind() == SqlKind.DIVIDE && SqlTypeUtil.isInterval(left)
            && (SqlTypeUtil.isApproximateNumeric(right) || right.getSqlTypeName() == SqlTypeName.DECIMAL)) {
            if (left.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
                // PostgreSQL carries a fraction of a month into days of 30; counted in seconds here, a year would be
                // 365.25 days (INTERVAL '1' YEAR / 2.5 would be 146.1 days, PostgreSQL's 4 mons 24 days)
                throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "not supported: an interval of years or months "
                    + "divided by a fraction or a DOUBLE; divide it by a whole number, or write it in days");
            }
            SqlNode seconds = SqlStdOperatorTable.DIVIDE.createCall(pos,
                EpochExtract.OPERATOR.createCall(pos, call.<SqlNode>operand(0)), decimal(call.operand(1), pos));
            call.setOperator(SqlStdOperatorTable.MULTIPLY);
            call.setOperand(0, seconds);
            call.setOperand(1, SqlLiteral.createInterval(1, "1", new SqlIntervalQualifier(TimeUnit.SECOND, null, pos),
                pos));
        }
    }

    private static SqlNode decimal(SqlNode number, SqlParserPos pos) {
        return SqlStdOperatorTable.CAST.createCall(pos, number,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, 38, 16, pos), pos));
    }
}
