package dev.hindsight.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The rows of a {@link BoundValues} table as data: each cell a literal's value, or the number of the {@code ?}
 * parameter read for it when the statement runs. Public only for the statement's generated code, which calls
 * {@link #enumerable}; immutable, so one plan serves every execution of a prepared statement.
 *
 * <pre>
 *   seq IN (?, 7, ?)     width 1, classes [Long]
 *   values:      [null, 7L, null]
 *   parameters:  [0,    -1,  1  ]     rows made: ?0's value, 7L, ?1's value
 * </pre>
 *
 * <p>A value is in the form Calcite's generated code keeps a column of its type in (a BIGINT a {@code Long}, a DATE
 * an {@code Integer} of days, a TIMESTAMP a {@code Long} of milliseconds, text a {@code String}); a parameter's value,
 * already fitted to its type by the driver, has its number widened or narrowed to the column's class, as Calcite's
 * generated code converts a parameter it reads.
 */
public final class ValueRows {

    private final int width;
    private final Class<?>[] classes;
    private final int[] scales;
    private final Object[] values;
    private final int[] parameters;
    /** {@link #toString}'s answer, made once: the planner asks for it whenever it computes the node's digest. */
    private final String text;

    /**
     * {@code values} and {@code parameters} row after row, {@code width} cells a row; a cell is one or the other. A
     * {@code BigDecimal} column's values take its scale from {@code scales} (other columns' entries are not read).
     * The arrays are taken over, not copied: the caller made them for this table alone.
     */
    ValueRows(Class<?>[] classes, int[] scales, Object[] values, int[] parameters) {
        this.width = classes.length;
        this.classes = classes;
        this.scales = scales;
        this.values = values;
        this.parameters = parameters;
        for (int i = 0; i < values.length; i++) {
            values[i] = scaled(values[i], i % width);
        }
        this.text = text();
    }

    /** How many rows. */
    int size() {
        return values.length / width;
    }

    /** The rows, with this execution's parameters: a one-column row as the value itself, a wider one as an array. */
    public Enumerable<Object> enumerable(DataContext root) {
        Object[] rows = new Object[size()];
        for (int r = 0; r < rows.length; r++) {
            if (width == 1) {
                rows[r] = cell(root, r, 0);
            } else {
                Object[] row = new Object[width];
                for (int c = 0; c < width; c++) {
                    row[c] = cell(root, r, c);
                }
                rows[r] = row;
            }
        }
        return Linq4j.asEnumerable(rows);
    }

    private Object cell(DataContext root, int row, int column) {
        int i = row * width + column;
        return parameters[i] < 0 ? values[i] : scaled(fit(root.get("?" + parameters[i]), classes[column]), column);
    }

    /**
     * A {@code DECIMAL} value at its column's scale when that is exact ({@code 2} as {@code 2.00}): the join that
     * answers an {@code IN} compares {@code BigDecimal}s by {@code equals}, which tells {@code 2} from {@code 2.00}.
     * A value with more places than the column is left as it is: it equals no value of the column, as in PostgreSQL.
     */
    private Object scaled(Object value, int column) {
        if (!(value instanceof BigDecimal decimal) || decimal.scale() == scales[column]) {
            return value;
        }
        try {
            return decimal.setScale(scales[column], RoundingMode.UNNECESSARY);
        } catch (ArithmeticException inexact) {
            return value;
        }
    }

    /**
     * A parameter's value in the class of its column, as Calcite's generated code converts a parameter it reads: a
     * number widened or narrowed, anything else as text for a text column (a {@code Long} bound to a {@code VARCHAR}
     * list is compared as {@code "3"}).
     */
    static Object fit(Object value, Class<?> type) {
        if (value == null || type.isInstance(value)) {
            return value;
        }
        if (type == String.class) {
            return String.valueOf(value);
        }
        if (!(value instanceof Number number)) {
            return value;
        }
        if (type == Long.class) {
            return number.longValue();
        } else if (type == Integer.class) {
            return number.intValue();
        } else if (type == Short.class) {
            return number.shortValue();
        } else if (type == Byte.class) {
            return number.byteValue();
        } else if (type == Double.class) {
            return number.doubleValue();
        } else if (type == Float.class) {
            return number.floatValue();
        } else if (type == BigDecimal.class) {
            return new BigDecimal(number.toString());
        }
        return value;
    }

    /**
     * The rows as {@code EXPLAIN} shows them and as the plan's digest compares them: each cell, text quoted (its quotes
     * doubled) so that no value reads as a parameter {@code ?n}, another value or a row's end; equal texts are equal
     * tables, reading the same parameters.
     */
    @Override
    public String toString() {
        return text;
    }

    private String text() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : i % width == 0 ? "], [" : ", ");
            if (parameters[i] >= 0) {
                text.append('?').append(parameters[i]);
            } else if (values[i] instanceof String s) {
                text.append('\'').append(s.replace("'", "''")).append('\'');
            } else {
                text.append(values[i]);
            }
        }
        return text.append(']').toString();
    }
}
