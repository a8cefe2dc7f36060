package dev.hindsight.sql.jdbc;

import static dev.hindsight.sql.jdbc.ResultColumn.notNull;
import static dev.hindsight.sql.jdbc.ResultColumn.nullable;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The rows of {@code DatabaseMetaData.getTypeInfo}: the plain SQL types a column, a {@code CAST} or a literal can have
 * here, by the names BI tools map ({@code VARCHAR}, {@code BIGINT}, {@code TIMESTAMP}, ...), one row each, ordered by
 * {@code DATA_TYPE} as JDBC requires. Calcite's own list also holds its internal types ({@code UTINYINT},
 * {@code CURSOR}, {@code COLUMN_LIST}, intervals ...), which no tool can map or create a column of.
 *
 * <p>Maximum precisions and scales come from the connection's type system, so they are what Calcite enforces. As JDBC
 * defines {@code PRECISION}: digits for numbers, characters for text, bytes for binary, and the length of the literal
 * text (with all fractional-second digits) for dates and times. Every type is nullable; only text compares
 * case-sensitively and supports {@code LIKE}.
 */
final class JdbcTypeInfo {

    static final List<ResultColumn> COLUMNS = List.of(
        notNull("TYPE_NAME", String.class),
        notNull("DATA_TYPE", int.class),
        nullable("PRECISION", Integer.class),
        nullable("LITERAL_PREFIX", String.class),
        nullable("LITERAL_SUFFIX", String.class),
        nullable("CREATE_PARAMS", String.class),
        notNull("NULLABLE", short.class),
        notNull("CASE_SENSITIVE", boolean.class),
        notNull("SEARCHABLE", short.class),
        notNull("UNSIGNED_ATTRIBUTE", boolean.class),
        notNull("FIXED_PREC_SCALE", boolean.class),
        notNull("AUTO_INCREMENT", boolean.class),
        nullable("LOCAL_TYPE_NAME", String.class),
        nullable("MINIMUM_SCALE", Short.class),
        nullable("MAXIMUM_SCALE", Short.class),
        nullable("SQL_DATA_TYPE", Integer.class),
        nullable("SQL_DATETIME_SUB", Integer.class),
        nullable("NUM_PREC_RADIX", Integer.class));

    /** What one row says; the columns not here are the same for every type. */
    private record Type(SqlTypeName name, int precision, String literalPrefix, String createParams, Short maxScale) {

        boolean isText() {
            return name == SqlTypeName.CHAR || name == SqlTypeName.VARCHAR;
        }

        boolean isNumber() {
            return SqlTypeName.NUMERIC_TYPES.contains(name);
        }

        Object[] row() {
            return new Object[] {name.getName(), name.getJdbcOrdinal(), precision, literalPrefix,
                literalPrefix == null ? null : "'", createParams, (short) DatabaseMetaData.typeNullable, isText(),
                (short) (isText() ? DatabaseMetaData.typeSearchable : DatabaseMetaData.typePredBasic), false, false,
                false, name.getName(), maxScale == null ? null : (short) 0, maxScale, null, null,
                isNumber() ? 10 : null};
        }
    }

    private JdbcTypeInfo() {
    }

    /** The rows, for a connection whose types follow {@code typeSystem}. */
    static List<Object[]> rows(RelDataTypeSystem typeSystem) {
        int timeFraction = typeSystem.getMaxPrecision(SqlTypeName.TIME);
        int timestampFraction = typeSystem.getMaxPrecision(SqlTypeName.TIMESTAMP);
        List<Type> types = List.of(
            plain(typeSystem, SqlTypeName.BOOLEAN),
            plain(typeSystem, SqlTypeName.TINYINT),
            plain(typeSystem, SqlTypeName.SMALLINT),
            plain(typeSystem, SqlTypeName.INTEGER),
            plain(typeSystem, SqlTypeName.BIGINT),
            new Type(SqlTypeName.DECIMAL, typeSystem.getMaxPrecision(SqlTypeName.DECIMAL), null, "precision,scale",
                (short) typeSystem.getMaxScale(SqlTypeName.DECIMAL)),
            plain(typeSystem, SqlTypeName.FLOAT),
            plain(typeSystem, SqlTypeName.REAL),
            plain(typeSystem, SqlTypeName.DOUBLE),
            sized(typeSystem, SqlTypeName.CHAR, "'"),
            sized(typeSystem, SqlTypeName.VARCHAR, "'"),
            sized(typeSystem, SqlTypeName.BINARY, "X'"),
            sized(typeSystem, SqlTypeName.VARBINARY, "X'"),
            new Type(SqlTypeName.DATE, "2026-11-01".length(), "DATE '", null, null),
            new Type(SqlTypeName.TIME, "10:00:00".length() + fractionLength(timeFraction), "TIME '", "precision",
                (short) timeFraction),
            new Type(SqlTypeName.TIMESTAMP, "2026-11-01 10:00:00".length() + fractionLength(timestampFraction),
                "TIMESTAMP '", "precision", (short) timestampFraction));
        return types.stream()
            .sorted(Comparator.comparingInt(t -> t.name().getJdbcOrdinal()))
            .map(Type::row)
            .toList();
    }

    /**
     * A type without parameters: BOOLEAN (precision 1, no scale) or a number (scale 0), its precision the size a
     * column of it reports ({@link ColumnSizes}: a DOUBLE's 17 digits, not Calcite's 15, as PostgreSQL's driver).
     */
    private static Type plain(RelDataTypeSystem typeSystem, SqlTypeName name) {
        return new Type(name, ColumnSizes.size(name.getJdbcOrdinal(), typeSystem.getMaxPrecision(name), 0), null, null,
            SqlTypeName.NUMERIC_TYPES.contains(name) ? (short) 0 : null);
    }

    private static Type sized(RelDataTypeSystem typeSystem, SqlTypeName name, String literalPrefix) {
        return new Type(name, typeSystem.getMaxPrecision(name), literalPrefix, "length", null);
    }

    /** Characters of {@code .fff} for {@code digits} fractional-second digits. */
    private static int fractionLength(int digits) {
        return digits == 0 ? 0 : 1 + digits;
    }
}
