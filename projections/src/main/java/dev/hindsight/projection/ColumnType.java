package dev.hindsight.projection;

import java.math.BigDecimal;

/**
 * The SQL type of a column of a Java-defined projection, and the Java class its values must have (SQL's own
 * representation, so the SQL layer takes them as they are).
 */
public enum ColumnType {
    /** {@link String}. */
    VARCHAR(String.class),
    /** {@link Long}. */
    BIGINT(Long.class),
    /** {@link Integer}. */
    INTEGER(Integer.class),
    /** {@link Double}. */
    DOUBLE(Double.class),
    /** {@link BigDecimal}. */
    DECIMAL(BigDecimal.class),
    /** {@link Boolean}. */
    BOOLEAN(Boolean.class),
    /** {@link Long}: epoch milliseconds UTC, shown as {@code TIMESTAMP(3)}. */
    TIMESTAMP(Long.class),
    /** {@link Integer}: days since 1970-01-01, shown as {@code DATE}. */
    DATE(Integer.class),
    /** {@link Integer}: milliseconds since midnight, shown as {@code TIME(3)}. */
    TIME(Integer.class),
    /** {@link Long}: milliseconds, shown as {@code INTERVAL DAY TO SECOND(3)}. */
    INTERVAL_DAY_SECOND(Long.class, "INTERVAL_DAY_TO_SECOND"),
    /** {@link Long}: milliseconds, shown as {@code INTERVAL HOUR TO SECOND(3)} (hours not split into days). */
    INTERVAL_HOUR_SECOND(Long.class, "INTERVAL_HOUR_TO_SECOND"),
    /** {@link Integer}: months, shown as {@code INTERVAL YEAR TO MONTH}. */
    INTERVAL_YEAR_MONTH(Integer.class, "INTERVAL_YEAR_TO_MONTH");

    private final Class<?> javaClass;
    private final String typeName;

    ColumnType(Class<?> javaClass) {
        this.javaClass = javaClass;
        this.typeName = name();
    }

    ColumnType(Class<?> javaClass, String typeName) {
        this.javaClass = javaClass;
        this.typeName = typeName;
    }

    /**
     * The type's name as SQL gives it ({@code ResultSetMetaData.getColumnTypeName}, {@code POST /v1/sql}'s column
     * types): {@code INTERVAL_DAY_TO_SECOND} for {@link #INTERVAL_DAY_SECOND}, else the constant's name.
     */
    public String typeName() {
        return typeName;
    }

    /** The class a value of this column has (or it is {@code null}). */
    public Class<?> javaClass() {
        return javaClass;
    }
}
