package dev.hindsight.sql.jdbc;

import dev.hindsight.sql.BoundedText;
import dev.hindsight.sql.EventsTable;
import java.sql.Types;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.jdbc.CalciteMetaColumnFactoryImpl;
import org.apache.calcite.schema.Table;

/**
 * {@code DatabaseMetaData.getColumns} as PostgreSQL's driver answers it: plain {@code TYPE_NAME}s ({@code VARCHAR},
 * {@code BIGINT}, {@code TIMESTAMP}) as BI tools map them, instead of Calcite's full type strings
 * ({@code VARCHAR NOT NULL}); {@code COLUMN_SIZE} and {@code DECIMAL_DIGITS} by JDBC's rules ({@link ColumnSizes};
 * Calcite leaves them null or gives a TIMESTAMP(3) size 3), a text column's size its table's bound if it has one
 * ({@link BoundedText}: 256 for {@code stream_id}); {@code IS_AUTOINCREMENT} {@code YES} for the log's
 * {@code seq}, which the server numbers, {@code NO} for every other column (Calcite leaves it empty).
 */
final class PlainTypeNameColumnFactory extends CalciteMetaColumnFactoryImpl {

    /** The instance every connection's {@code Meta} is given ({@link HindsightCalciteDriver#createMeta}). */
    static final PlainTypeNameColumnFactory INSTANCE = new PlainTypeNameColumnFactory();

    private PlainTypeNameColumnFactory() {
    }

    @Override
    public MetaColumn createColumn(Table table, String tableCat,
            String tableSchem, String tableName, String columnName, int dataType, String typeName,
            Integer columnSize, Integer decimalDigits, int numPrecRadix, int nullable, Integer charOctetLength,
            int ordinalPosition, String isNullable) {
        String plain = typeName.replaceAll("\\([^)]*\\)", "").replace(" NOT NULL", "").trim();
        if (plain.startsWith("INTERVAL ")) {
            // as ResultSetMetaData names it; all from the first '(' on was cut: INTERVAL DAY(2) TO SECOND(3) was
            // INTERVAL DAY
            plain = plain.replace(' ', '_');
        }
        int precision = columnSize == null ? -1 : columnSize;
        Integer digits = decimalDigits;
        if (dataType == Types.TIMESTAMP || dataType == Types.TIME) {
            digits = Math.max(precision, 0); // digits of the fraction of a second
        } else if (dataType == Types.BIGINT || dataType == Types.INTEGER || dataType == Types.SMALLINT
            || dataType == Types.TINYINT) {
            digits = 0;
        }
        int bound = table instanceof BoundedText b ? b.maxChars(columnName) : 0;
        int size = bound > 0 ? bound : ColumnSizes.size(dataType, precision, digits == null ? 0 : digits);
        boolean numbered = table instanceof EventsTable && columnName.equals("seq");
        // a text column's size, as PostgreSQL's driver answers it; none for other types (Calcite passed its
        // precision on: -1 for VARCHAR, 3 for a TIMESTAMP)
        boolean text = dataType == Types.VARCHAR || dataType == Types.CHAR || dataType == Types.LONGVARCHAR;
        return new MetaColumn(tableCat, tableSchem, tableName, columnName, dataType, plain, size, digits,
            numPrecRadix, nullable, text ? Integer.valueOf(size) : null, ordinalPosition, isNullable,
            numbered ? "YES" : "NO", "NO");
    }
}
