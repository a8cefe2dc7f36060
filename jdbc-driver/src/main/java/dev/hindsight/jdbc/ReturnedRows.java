package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.SqlText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * The update count of an {@code INSERT … RETURNING} run by {@code executeUpdate}: the server answers it with its rows,
 * one per appended event, which Avatica's client counts as −1; as embedded, the count is the number of rows returned.
 * Any other statement keeps Avatica's count, but for the −1 of one that returned rows, which is refused. (A prepared
 * one must run as a query: for an update Avatica's client sends no signature, and the server cannot describe rows
 * without one.)
 */
final class ReturnedRows {

    private ReturnedRows() {
    }

    /**
     * {@code updateCount}, or, for an INSERT that answered with {@code rows}, how many rows it answered (reading and
     * closing them).
     */
    static long count(String sql, long updateCount, ResultSet rows) throws SQLException {
        if (updateCount != -1 || rows == null) {
            return updateCount;
        }
        if (SqlText.isInsert(sql)) {
            return count(rows);
        }
        rows.close(); // a query's rows: refused
        throw ClientRefusals.rowsReturned();
    }

    /**
     * {@code updateCount}, unless it is Avatica's −1 for a statement that returned rows: JDBC's {@code executeUpdate}
     * of a query throws, 0100E as PostgreSQL's driver ({@link ClientRefusals#rowsReturned}).
     */
    static long updateCount(long updateCount) throws SQLException {
        if (updateCount < 0) {
            throw ClientRefusals.rowsReturned();
        }
        return updateCount;
    }

    /**
     * Whether a prepared statement is an INSERT that answers with rows (an {@code INSERT … RETURNING}): its columns
     * are its rows', not the one {@code ROWCOUNT} column by which Avatica knows an update. (Its statement type does not
     * tell: a plain prepared INSERT arrives as a SELECT too.)
     */
    static boolean returnsRows(Meta.Signature signature) {
        return hasRows(signature) && signature.sql != null && SqlText.isInsert(signature.sql);
    }

    /** Whether a prepared statement is a query: it has rows to answer and is no INSERT. */
    static boolean isQuery(Meta.Signature signature) {
        return hasRows(signature) && (signature.sql == null || !SqlText.isInsert(signature.sql));
    }

    /** Whether a prepared statement has columns of rows, not the one ROWCOUNT column of Avatica's updates. */
    private static boolean hasRows(Meta.Signature signature) {
        List<ColumnMetaData> columns = signature.columns;
        boolean counts = columns.size() == 1
            && AvaticaConnection.ROWCOUNT_COLUMN_NAME.equals(columns.get(0).columnName);
        return !columns.isEmpty() && !counts;
    }

    /** How many rows {@code rows} has; reads and closes them. */
    static long count(ResultSet rows) throws SQLException {
        try (rows) {
            long n = 0;
            while (rows.next()) {
                n++;
            }
            return n;
        }
    }
}
