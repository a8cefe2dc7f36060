package dev.hindsight.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * An interval times a number is the number times the interval: Calcite implements {@code 1.5 * INTERVAL '1' DAY} but
 * had no code for {@code INTERVAL '1' DAY * 1.5} (0A000 with its plan printed), where PostgreSQL answers both.
 * {@link HindsightSqlValidator} calls {@link #rewrite} as it derives a {@code *}'s type.
 */
final class IntervalProduct {

    private IntervalProduct() {
    }

    /** Swaps the operands of {@code call}, a {@code *}, if the first is an interval and the second a number. */
    static void rewrite(SqlValidator validator, SqlValidatorScope scope, SqlBasicCall call) {
        if (call.getKind() != SqlKind.TIMES || call.operandCount() != 2 || !typed(call.operand(0))
            || !typed(call.operand(1))) {
            return;
        }
        RelDataType left = validator.deriveType(scope, call.operand(0));
        RelDataType right = validator.deriveType(scope, call.operand(1));
        if (SqlTypeUtil.isInterval(left) && SqlTypeUtil.isNumeric(right)) {
            SqlNode interval = call.operand(0);
            call.setOperand(0, call.operand(1));
            call.setOperand(1, interval);
        }
    }

    private static boolean typed(SqlNode operand) {
        return operand.getKind() != SqlKind.DYNAMIC_PARAM && !SqlUtil.isNullLiteral(operand, false);
    }
}
