package dev.hindsight.sql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * The column types a remote connection cannot read: {@code ARRAY}, {@code MULTISET}, {@code MAP} and {@code ROW}
 * values. Avatica's server reads an array through {@code Array.getResultSet()}, which has one column in Calcite where
 * JDBC and Avatica expect two (XX000); a ROW reached the client as a scalar it cast to a struct (08006, the connection
 * taken for broken), a MAP no frame could hold (XX000). Such a statement is refused before any row is sent, with
 * 0A000 naming the column and what to do instead; embedded connections and the HTTP API read these values.
 */
final class UnsentColumns {

    private UnsentColumns() {
    }

    /** The refusal's message for the first such column of {@code columns}, if there is one. */
    static Optional<String> of(List<ColumnMetaData> columns) {
        for (ColumnMetaData c : columns) {
            if (isUnsent(c.type.id, c.type.name)) {
                return Optional.of(message(c.label, c.type.name));
            }
        }
        return Optional.empty();
    }

    /** As {@link #of(List)}, for the columns of a result set. */
    static Optional<String> of(ResultSetMetaData metaData) throws SQLException {
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            if (isUnsent(metaData.getColumnType(i), metaData.getColumnTypeName(i))) {
                return Optional.of(message(metaData.getColumnLabel(i), metaData.getColumnTypeName(i)));
            }
        }
        return Optional.empty();
    }

    private static boolean isUnsent(int type, String name) {
        // Calcite reports a MAP as OTHER, with a name such as "(VARCHAR, INTEGER) MAP"; intervals are OTHER too
        return type == Types.ARRAY || type == Types.STRUCT
            || (type == Types.OTHER && name != null && name.endsWith(" MAP"));
    }

    private static String message(String column, String typeName) {
        return "not supported: column " + column + " is " + typeName + ", and a remote connection cannot read ARRAY, "
            + "MULTISET, MAP or ROW values; return the elements as rows (UNNEST), or read it through the HTTP API "
            + "(POST /v1/sql) or an embedded connection";
    }
}
