package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * The branches of a {@code CASE} (and so of {@code COALESCE} and {@code NULLIF}, which Calcite writes as one) that are
 * a date or time beside a number or an interval are 42804, as PostgreSQL says "CASE types integer and date cannot be
 * matched": Calcite's coercion made the number a date, {@code COALESCE(NULL, 7, DATE '2024-01-01')} 1970-01-08.
 */
final class CaseBranchTypes {

    private CaseBranchTypes() {
    }

    /** Refuses {@code call}'s branches if a date or time meets a number or an interval among them. */
    static void check(SqlValidator validator, SqlValidatorScope scope, SqlCase call) {
        List<SqlNode> branches = new ArrayList<>(call.getThenOperands().getList());
        if (call.getElseOperand() != null) {
            branches.add(call.getElseOperand());
        }
        RelDataType datetime = null;
        RelDataType quantity = null;
        for (SqlNode branch : branches) {
            if (branch == null || !HindsightSqlValidator.typedAlone(branch)) {
                continue;
            }
            RelDataType type = validator.deriveType(scope, branch);
            if (SqlTypeUtil.isDatetime(type)) {
                datetime = type;
            } else if (SqlTypeUtil.isNumeric(type) || SqlTypeUtil.isInterval(type)) {
                quantity = type;
            }
        }
        if (datetime != null && quantity != null) {
            throw SqlErrors.of(SqlErrors.DATATYPE_MISMATCH, "CASE types " + quantity.getSqlTypeName() + " and "
                + datetime.getSqlTypeName() + " cannot be matched (also in COALESCE or NULLIF): cast one to the "
                + "other's type");
        }
    }
}
