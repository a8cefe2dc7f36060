package dev.hindsight.sql.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;

/**
 * One column of a {@code DatabaseMetaData} result set we build ourselves: its JDBC name, the Java type of its values
 * (which fixes the SQL type: {@code String} is VARCHAR, {@code short} SMALLINT, {@code Integer} a nullable INTEGER)
 * and whether it may hold NULL.
 */
record ResultColumn(String name, Class<?> type, boolean nullable) {

    static ResultColumn notNull(String name, Class<?> type) {
        return new ResultColumn(name, type, false);
    }

    static ResultColumn nullable(String name, Class<?> type) {
        return new ResultColumn(name, type, true);
    }

    /** Avatica's description of {@code columns}, numbered in list order. */
    static List<ColumnMetaData> metaData(List<ResultColumn> columns) {
        List<ColumnMetaData> out = new ArrayList<>(columns.size());
        for (ResultColumn c : columns) {
            out.add(MetaImpl.columnMetaData(c.name, out.size(), c.type, c.nullable));
        }
        return List.copyOf(out);
    }
}
