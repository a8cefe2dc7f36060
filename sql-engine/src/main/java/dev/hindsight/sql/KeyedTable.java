package dev.hindsight.sql;

import java.util.List;

/**
 * Internal: a table that names its primary key, for {@code DatabaseMetaData.getPrimaryKeys} (BI tools read it to
 * identify rows and to suggest joins). Each table declares its key next to its columns, so a new table (a projection,
 * say) states its own and the metadata code needs no list of tables.
 *
 * <p>The key holds by construction (the log assigns each {@code seq} once, {@code streams} has one row per stream); it
 * is reported, not checked on write. Public for the metadata answers of {@code dev.hindsight.sql.jdbc}.
 */
public interface KeyedTable {

    /** The key's column names as the table's row type spells them, in key order; never empty. */
    List<String> primaryKey();
}
