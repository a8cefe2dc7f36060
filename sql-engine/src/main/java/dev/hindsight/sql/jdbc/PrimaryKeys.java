package dev.hindsight.sql.jdbc;

import static dev.hindsight.sql.jdbc.ResultColumn.notNull;
import static dev.hindsight.sql.jdbc.ResultColumn.nullable;

import dev.hindsight.sql.KeyedTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * The rows of {@code DatabaseMetaData.getPrimaryKeys}: one per key column of each {@link KeyedTable} selected, in the
 * JDBC columns {@code TABLE_CAT} (always NULL: there are no catalogs), {@code TABLE_SCHEM}, {@code TABLE_NAME},
 * {@code COLUMN_NAME}, {@code KEY_SEQ} (1-based position in the key) and {@code PK_NAME} ({@code <table>_pkey}, as
 * PostgreSQL names them), ordered by schema, table and column name.
 *
 * <p>Arguments as PostgreSQL's driver reads them: the catalog is ignored; a NULL or empty schema or table means any;
 * otherwise the name must match exactly, as {@code getTables} reports it (names are not patterns here, so
 * {@code "ev%"} matches nothing).
 */
final class PrimaryKeys {

    static final List<ResultColumn> COLUMNS = List.of(
        nullable("TABLE_CAT", String.class),
        nullable("TABLE_SCHEM", String.class),
        notNull("TABLE_NAME", String.class),
        notNull("COLUMN_NAME", String.class),
        notNull("KEY_SEQ", short.class),
        nullable("PK_NAME", String.class));

    private PrimaryKeys() {
    }

    /** The rows for {@code getPrimaryKeys(any, schema, table)} over the schemas under {@code root}. */
    static List<Object[]> rows(SchemaPlus root, String schema, String table) {
        List<Object[]> rows = new ArrayList<>();
        for (String schemaName : root.subSchemas().getNames(LikePattern.any())) {
            SchemaPlus s = root.subSchemas().get(schemaName);
            if (s == null || !selects(schema, schemaName)) {
                continue;
            }
            for (String tableName : s.tables().getNames(LikePattern.any())) {
                Table t = s.tables().get(tableName);
                if (t instanceof KeyedTable keyed && selects(table, tableName)) {
                    List<String> key = keyed.primaryKey();
                    for (int i = 0; i < key.size(); i++) {
                        rows.add(new Object[] {null, schemaName, tableName, key.get(i), (short) (i + 1),
                            tableName + "_pkey"});
                    }
                }
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2])
            .thenComparing(r -> (String) r[3]));
        return rows;
    }

    private static boolean selects(String wanted, String name) {
        return wanted == null || wanted.isEmpty() || wanted.equals(name);
    }
}
