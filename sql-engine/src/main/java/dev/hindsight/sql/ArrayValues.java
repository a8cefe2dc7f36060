package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The one step of {@code ARRAY_AGG(DISTINCT x)} that is not a list's own ({@link ArrayAggregates}): given the values
 * in order, a value equal to the last one added is left out. Equal as SQL has it: NULL equals NULL here (PostgreSQL
 * keeps one), and DECIMALs of another scale are one number ({@code 1.0} and {@code 1.00}). Public, with its method,
 * for Calcite's generated code.
 */
public final class ArrayValues {

    private ArrayValues() {
    }

    /** {@code value} added to {@code values} unless it equals their last. */
    public static void addDistinct(List<Object> values, Object value) {
        if (values.isEmpty() || !same(values.get(values.size() - 1), value)) {
            values.add(value);
        }
    }

    private static boolean same(Object a, Object b) {
        return (a instanceof BigDecimal x && b instanceof BigDecimal y) ? x.compareTo(y) == 0 : Objects.equals(a, b);
    }
}
