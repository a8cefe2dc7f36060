package dev.hindsight.sql.jdbc;

import static dev.hindsight.sql.jdbc.ResultColumn.nullable;

import java.util.List;

/**
 * The columns of {@code DatabaseMetaData.getImportedKeys}, {@code getExportedKeys} and {@code getCrossReference}, as
 * JDBC's javadoc names them; Hindsight's tables declare no foreign keys, so the answers have no rows. Avatica's
 * named the last {@code DEFERABILITY}, so a tool reading {@code DEFERRABILITY} by label failed (42703). Every column is
 * described as nullable, as the thin driver's answer (a query of NULLs) describes them.
 */
final class ForeignKeys {

    static final List<ResultColumn> COLUMNS = List.of(
        nullable("PKTABLE_CAT", String.class),
        nullable("PKTABLE_SCHEM", String.class),
        nullable("PKTABLE_NAME", String.class),
        nullable("PKCOLUMN_NAME", String.class),
        nullable("FKTABLE_CAT", String.class),
        nullable("FKTABLE_SCHEM", String.class),
        nullable("FKTABLE_NAME", String.class),
        nullable("FKCOLUMN_NAME", String.class),
        nullable("KEY_SEQ", short.class),
        nullable("UPDATE_RULE", short.class),
        nullable("DELETE_RULE", short.class),
        nullable("FK_NAME", String.class),
        nullable("PK_NAME", String.class),
        nullable("DEFERRABILITY", short.class));

    private ForeignKeys() {
    }
}
