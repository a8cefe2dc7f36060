package dev.hindsight.sql;

import org.apache.calcite.jdbc.CalciteMetaColumnFactoryImpl;
import org.apache.calcite.schema.Table;

/**
 * {@code DatabaseMetaData.getColumns} with plain {@code TYPE_NAME}s ({@code VARCHAR}, {@code BIGINT},
 * {@code TIMESTAMP}) as BI tools map them, instead of Calcite's full type strings ({@code VARCHAR NOT NULL}).
 */
public final class PlainTypeNameColumnFactory extends CalciteMetaColumnFactoryImpl {

    /** The instance Calcite's {@code metaColumnFactory} property names. */
    public static final PlainTypeNameColumnFactory INSTANCE = new PlainTypeNameColumnFactory();

    private PlainTypeNameColumnFactory() {
    }

    @Override
    public org.apache.calcite.avatica.MetaImpl.MetaColumn createColumn(Table table, String tableCat,
            String tableSchem, String tableName, String columnName, int dataType, String typeName,
            Integer columnSize, Integer decimalDigits, int numPrecRadix, int nullable, Integer charOctetLength,
            int ordinalPosition, String isNullable) {
        String plain = typeName.replaceAll("\\(.*\\)", "").replace(" NOT NULL", "").trim();
        return super.createColumn(table, tableCat, tableSchem, tableName, columnName, dataType, plain,
            columnSize != null && columnSize < 0 ? null : columnSize, decimalDigits, numPrecRadix, nullable,
            charOctetLength, ordinalPosition, isNullable);
    }
}
