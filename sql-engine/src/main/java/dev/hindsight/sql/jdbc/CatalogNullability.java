package dev.hindsight.sql.jdbc;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * Which columns of Calcite's {@code getTables}, {@code getColumns} and {@code getSchemas} answers may hold NULL.
 * Calcite describes every column of them as {@code columnNoNulls}, also those that hold NULL on every row
 * ({@code TABLE_CAT}, {@code REMARKS}, {@code DECIMAL_DIGITS} of text): a tool that builds its schema from the
 * description (a JDBC-to-Arrow or Spark reader) then fails on the first NULL. The columns JDBC's javadoc says are
 * always there, and that Hindsight fills on every row, stay {@code columnNoNulls}; every other is
 * {@code columnNullable}.
 */
final class CatalogNullability {

    /** {@code getTables}' columns never NULL. */
    static final Set<String> TABLES = Set.of("TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE");

    /** {@code getColumns}' columns never NULL. */
    static final Set<String> COLUMNS = Set.of("TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
        "NULLABLE", "ORDINAL_POSITION", "IS_NULLABLE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");

    /** {@code getSchemas}' columns never NULL. */
    static final Set<String> SCHEMAS = Set.of("TABLE_SCHEM");

    private CatalogNullability() {
    }

    /** {@code columns} described again: NULL allowed in each but those {@code notNull} names. */
    static List<ColumnMetaData> described(List<ColumnMetaData> columns, Set<String> notNull) {
        List<ColumnMetaData> out = new ArrayList<>(columns.size());
        for (ColumnMetaData c : columns) {
            int nullable = notNull.contains(c.label) ? DatabaseMetaData.columnNoNulls
                : DatabaseMetaData.columnNullable;
            out.add(nullable == c.nullable ? c : new ColumnMetaData(c.ordinal, c.autoIncrement, c.caseSensitive,
                c.searchable, c.currency, nullable, c.signed, c.displaySize, c.label, c.columnName, c.schemaName,
                c.precision, c.scale, c.tableName, c.catalogName, c.type, c.readOnly, c.writable,
                c.definitelyWritable, c.columnClassName));
        }
        return out;
    }
}
