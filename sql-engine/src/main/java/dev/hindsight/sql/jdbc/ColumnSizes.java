package dev.hindsight.sql.jdbc;

import dev.hindsight.sql.BoundedText;
import dev.hindsight.sql.EventsTable;
import java.sql.Types;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Table;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: column sizes as JDBC defines them and PostgreSQL's driver reports them, for {@code ResultSetMetaData}
 * ({@code getPrecision}, {@code getColumnDisplaySize}; see {@link #apply} for the one exception) and
 * {@code DatabaseMetaData.getColumns} ({@code COLUMN_SIZE}, {@code DECIMAL_DIGITS}). Calcite reports an unbounded
 * VARCHAR as precision 0 and display size −1, and a TIMESTAMP(3) as 3 wide; tools size their grids and their casts by
 * these.
 *
 * <pre>
 *   type             size (precision)                 display size
 *   VARCHAR          n, or 2147483647 if unbounded    the same
 *   CHAR(n)          n (0 for the literal '')          the same
 *   BIGINT/INTEGER   19 / 10 digits                   20 / 11 (sign)
 *   SMALLINT/TINYINT 5 / 3                            6 / 4
 *   DECIMAL(p, s)    p                                p + 2 (sign, point)
 *   DOUBLE / REAL    17 / 8                           25 / 15
 *   BOOLEAN          1                                1
 *   TIMESTAMP(p)     19, plus p + 1 if p > 0          the same: yyyy-MM-dd HH:mm:ss.SSS
 *   DATE / TIME(p)   10 / 8, plus p + 1 if p > 0      the same
 * </pre>
 *
 * <p>Public for the engine's preparation ({@code dev.hindsight.sql.HindsightPrepare}), which gives every statement's
 * columns these sizes ({@link #apply}).
 */
public final class ColumnSizes {

    private ColumnSizes() {
    }

    /** JDBC's column size of a {@code jdbcType} column Calcite typed with {@code precision} and {@code scale}. */
    static int size(int jdbcType, int precision, int scale) {
        return switch (jdbcType) {
            case Types.VARCHAR, Types.LONGVARCHAR -> precision > 0 ? precision : Integer.MAX_VALUE;
            // a CHAR is never unbounded: CHAR(0) is the empty literal '', and Avatica pads a CHAR's text to its size
            case Types.CHAR -> precision;
            case Types.BIGINT -> 19;
            case Types.INTEGER -> 10;
            case Types.SMALLINT -> 5;
            case Types.TINYINT -> 3;
            case Types.DOUBLE, Types.FLOAT -> 17;
            case Types.REAL -> 8;
            case Types.BOOLEAN -> 1;
            case Types.TIMESTAMP -> 19 + fraction(precision);
            case Types.DATE -> 10;
            case Types.TIME -> 8 + fraction(precision);
            default -> precision;
        };
    }

    /** JDBC's display size: {@link #size} plus room for a sign or a decimal point. */
    static int displaySize(int jdbcType, int precision, int scale) {
        return switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> size(jdbcType, precision, scale) + 1;
            case Types.DECIMAL, Types.NUMERIC -> precision + 2;
            case Types.DOUBLE, Types.FLOAT -> 25;
            case Types.REAL -> 15;
            default -> size(jdbcType, precision, scale);
        };
    }

    /**
     * {@code columns} (Calcite's list for one statement, which it builds fresh) with these sizes (and "" for a table,
     * schema or catalog a column has none of), in place; a text
     * column that is a table's column as it is ({@code SELECT stream_id}, not {@code UPPER(stream_id)}) sized by its
     * table's bound, if the table under {@code root} is a {@link BoundedText}.
     */
    public static void apply(List<ColumnMetaData> columns, CalciteSchema root) {
        for (int i = 0; i < columns.size(); i++) {
            ColumnMetaData c = columns.get(i);
            int id = c.type.id;
            // a TIMESTAMP or TIME keeps Calcite's precision, the digits of its fraction: Avatica's getString
            // formats the value with as many (so getPrecision of ts is 3 while its display size is 23)
            boolean time = id == Types.TIMESTAMP || id == Types.TIME;
            int bound = id == Types.VARCHAR ? maxChars(root, c) : 0;
            int precision = time ? c.precision : bound > 0 ? bound : size(id, c.precision, c.scale);
            int display = bound > 0 ? bound : displaySize(id, c.precision, c.scale);
            // and its scale is those digits too, as getColumns' DECIMAL_DIGITS and PostgreSQL's driver say
            int scale = time ? c.precision : c.scale;
            // a computed column's table, schema and catalog are "" as JDBC says (and PostgreSQL's driver answers),
            // not null, which a tool calling isEmpty() on them failed on
            // the log's seq, as it is, is numbered by the server: as getColumns' IS_AUTOINCREMENT says
            boolean numbered = c.autoIncrement
                || ("seq".equals(c.columnName) && tableOf(root, c) instanceof EventsTable);
            // Calcite's flags said every column unsearchable, case-sensitive and signed: as PostgreSQL's driver, any
            // column may be in a WHERE, text compares with its case, numbers have a sign
            boolean text = id == Types.VARCHAR || id == Types.CHAR;
            columns.set(i, new ColumnMetaData(c.ordinal, numbered, text, true, c.currency,
                c.nullable, SIGNED.contains(id), display, c.label, c.columnName, orEmpty(c.schemaName),
                precision, scale, orEmpty(c.tableName), orEmpty(c.catalogName), c.type, c.readOnly, c.writable,
                c.definitelyWritable, "UUID".equals(c.type.name) ? UUID.class.getName() : c.columnClassName));
        }
    }

    /** The JDBC types whose values have a sign. */
    private static final Set<Integer> SIGNED = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
        Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE);

    private static String orEmpty(String name) {
        return name == null ? "" : name;
    }

    /** The bound of the table column {@code column} shows as it is, if its table is a {@link BoundedText}; else 0. */
    private static int maxChars(CalciteSchema root, ColumnMetaData column) {
        return tableOf(root, column) instanceof BoundedText bounded ? bounded.maxChars(column.columnName) : 0;
    }

    /** The table whose column {@code column} shows as it is, or {@code null}. */
    private static @Nullable Table tableOf(CalciteSchema root, ColumnMetaData column) {
        CalciteSchema schema = column.schemaName == null || column.tableName == null || column.columnName == null
            ? null : root.getSubSchema(column.schemaName, true);
        CalciteSchema.TableEntry table = schema == null ? null : schema.getTable(column.tableName, true);
        return table == null ? null : table.getTable();
    }

    private static int fraction(int precision) {
        return precision > 0 ? precision + 1 : 0;
    }
}
