package dev.hindsight.sql;

import java.math.BigDecimal;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One aggregate of a SQL projection, maintained event by event: because the log only grows, each of these is exact
 * by folding the new value into the old result. Values are in Calcite's runtime representation (BIGINT a Long,
 * DECIMAL a BigDecimal, TIMESTAMP a Long …), as the compiled expressions produce them and queries expect them.
 *
 * @param kind   what it computes
 * @param arg    index of its argument among the evaluated values, or -1 ({@code COUNT(*)})
 * @param filter index of its {@code FILTER (WHERE …)} flag among the evaluated values, or -1
 * @param type   the SQL type of its result
 * @param scale  the scale of that type (a DECIMAL's)
 */
record Accumulator(Kind kind, int arg, int filter, SqlTypeName type, int scale) {

    /**
     * The aggregates a projection can maintain. LATEST is ARG_MAX over seq, the order events are folded in: the
     * value of the latest event where it is not NULL (Calcite's ARG_MAX skips NULL values as SQL aggregates do).
     */
    enum Kind { COUNT, SUM, SUM0, MIN, MAX, LATEST }

    /** The result over no events. */
    Object initial() {
        return switch (kind) {
            case COUNT -> 0L;
            case SUM0 -> add(null, 0);
            default -> null;
        };
    }

    /** The result after one more event whose evaluated values are {@code values}. */
    Object fold(Object acc, Object[] values) {
        if (filter >= 0 && !Boolean.TRUE.equals(values[filter])) {
            return acc;
        }
        Object x = arg < 0 ? null : values[arg];
        return switch (kind) {
            case COUNT -> arg < 0 || x != null ? (Long) acc + 1 : acc;
            case SUM, SUM0 -> x == null ? acc : add(acc, (Number) x);
            // a floating-point value equal to the one kept takes its place (-0 after 0), as in PostgreSQL's and the
            // query's (FloatExtremes); other equal values are the same value
            case MIN -> x == null || (acc != null && compare(x, acc) >= (isFloat(x) ? 1 : 0)) ? acc : x;
            case MAX -> x == null || (acc != null && compare(x, acc) <= (isFloat(x) ? -1 : 0)) ? acc : x;
            case LATEST -> x == null ? acc : x; // folded in seq order; NULLs skipped, as by every aggregate
        };
    }

    private static boolean isFloat(Object value) {
        return value instanceof Double || value instanceof Float;
    }

    /** MIN and MAX compare values of one SQL type, so both have the same runtime class. */
    private static int compare(Object a, Object b) {
        if (a instanceof String s) {
            return s.compareTo((String) b);
        } else if (a instanceof BigDecimal d) {
            return d.compareTo((BigDecimal) b);
        } else if (isFloat(a)) {
            // PostgreSQL's order, the query's too: NaN above all, -0 equal to 0 (Double.compare put -0 below 0)
            return FloatExtremes.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        } else if (a instanceof Number n) {
            return Long.compare(n.longValue(), ((Number) b).longValue());
        } else if (a instanceof Boolean x) {
            return Boolean.compare(x, (Boolean) b);
        }
        throw new IllegalStateException("MIN/MAX of a value of " + a.getClass().getSimpleName());
    }

    /**
     * {@code acc + x} in the result type, as Calcite's SUM computes it ({@code acc} null: x alone); a whole sum beyond
     * its type is {@code ArithmeticException} (22003), as the query's ({@link CheckedSum}) over the events so far: it
     * wrapped, and the projection answered a negative sum of positive numbers.
     */
    private Object add(Object acc, Number x) {
        return switch (type) {
            case TINYINT, SMALLINT, INTEGER -> acc == null ? x.intValue()
                : Math.addExact(((Number) acc).intValue(), x.intValue());
            case BIGINT -> acc == null ? x.longValue() : Math.addExact(((Number) acc).longValue(), x.longValue());
            case REAL -> acc == null ? x.floatValue() : ((Number) acc).floatValue() + x.floatValue();
            case FLOAT, DOUBLE -> acc == null ? x.doubleValue() : ((Number) acc).doubleValue() + x.doubleValue();
            default -> acc == null ? decimal(x) : ((BigDecimal) acc).add(decimal(x));
        };
    }

    private static BigDecimal decimal(Number x) {
        return x instanceof BigDecimal d ? d
            : x instanceof Double || x instanceof Float ? BigDecimal.valueOf(x.doubleValue())
            : BigDecimal.valueOf(x.longValue());
    }
}
