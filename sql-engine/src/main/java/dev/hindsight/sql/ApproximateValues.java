package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUtil;

/**
 * A {@code VALUES} column of literal numbers some of which are written with an exponent ({@code VALUES (1.5e0), (1)};
 * NULLs among them too) is a {@code DOUBLE}, as such a literal is here (in PostgreSQL it is a {@code numeric}); its
 * exact literals are written as approximate ones before validation. Calcite kept each literal's own value (a
 * {@code Double} beside a {@code BigDecimal}) in the one table of values it makes of them, and its sort-order
 * metadata, which compares them, failed on every use of such a list ({@code XX000}, a {@code ClassCastException}).
 * Lists with anything but literals in that column are left alone: Calcite plans those as a union of rows, which
 * casts each.
 */
final class ApproximateValues {

    private ApproximateValues() {
    }

    /** {@code values} (a {@code VALUES} call) with the exact literals of its mixed columns made approximate. */
    static void rewrite(SqlCall values) {
        List<SqlNode> rows = values.getOperandList();
        int width = rows.isEmpty() ? 0 : operands(rows.get(0)).size();
        for (int column = 0; column < width; column++) {
            if (mixed(rows, column)) {
                for (SqlNode row : rows) {
                    SqlNode value = operands(row).get(column);
                    if (value instanceof SqlNumericLiteral n && n.isExact()) {
                        BigDecimal exact = n.getValueAs(BigDecimal.class);
                        set(row, column, SqlLiteral.createApproxNumeric(exact.toString(), n.getParserPosition()));
                    }
                }
            }
        }
    }

    private static boolean mixed(List<SqlNode> rows, int column) {
        boolean exact = false;
        boolean approximate = false;
        for (SqlNode row : rows) {
            List<SqlNode> operands = operands(row);
            if (operands.size() <= column) {
                return false; // rows of other widths are the validator's to refuse
            }
            SqlNode value = operands.get(column);
            if (SqlUtil.isNullLiteral(value, false)) {
                continue; // a NULL is any type's: Calcite still makes one table of the literals
            }
            if (!(value instanceof SqlNumericLiteral n)) {
                return false;
            }
            exact |= n.isExact();
            approximate |= !n.isExact();
        }
        return exact && approximate;
    }

    private static List<SqlNode> operands(SqlNode row) {
        return row.getKind() == SqlKind.ROW ? ((SqlCall) row).getOperandList() : List.of(row);
    }

    private static void set(SqlNode row, int column, SqlNode value) {
        ((SqlCall) row).setOperand(column, value);
    }
}
