package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSnapshot;

/**
 * The point of an {@code AS OF} is one per statement, known before the table is read: a literal, a parameter, or an
 * expression of them ({@code CURRENT_TIMESTAMP - INTERVAL '1' HOUR}). A column ({@code FOR SYSTEM_TIME AS OF ts},
 * {@code AS OF o.ts} of an outer row) or a query ({@code AS OF SEQUENCE (SELECT …)}) would make it one per row, a
 * temporal join the log tables do not offer: refused here, before validation, with 0A000 saying so (they were an
 * internal error, or Calcite's plan as the message).
 */
final class AsOfPoints {

    private static final String QUERY = "a query";

    private AsOfPoints() {
    }

    /** Refuses {@code snapshot}'s point if it names a column or holds a query. */
    static void check(SqlSnapshot snapshot) {
        String problem = problem(snapshot.getPeriod());
        if (problem != null) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "AS OF takes one point for the whole statement (a "
                + "literal, a parameter, or an expression of them), not " + problem + (problem.equals(QUERY)
                ? ": run the query first and pass its answer as a parameter"
                : ": a point per row would be a temporal join, which the log's tables do not offer"));
        }
    }

    private static String problem(SqlNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof SqlSelect || (node instanceof SqlCall call && call.getOperator().isName("SELECT", false))) {
            return QUERY;
        }
        if (node instanceof SqlIdentifier id) {
            return ColumnNames.niladic(id) ? null : "a column (" + id + ")"; // CURRENT_TIMESTAMP: a function
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                String p = problem(item);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (node instanceof SqlCall call) {
            if (call.getKind().belongsTo(SqlKind.QUERY)) {
                return QUERY;
            }
            for (SqlNode operand : call.getOperandList()) {
                String p = problem(operand);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }
}
