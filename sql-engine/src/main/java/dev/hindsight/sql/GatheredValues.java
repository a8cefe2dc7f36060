package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The answer of an {@code ARRAY_AGG} or a {@code STRING_AGG} from the rows its group gathered
 * ({@link GatheringAggregates}): sorted as its {@code ORDER BY} says, each value once for {@code DISTINCT}, NULL for
 * none. Public, with its methods, for Calcite's generated code.
 *
 * <pre>
 *   order      "" (as they came) or keys joined by commas, each: position, A|D, F|L   "2DF,0AL"
 *   position   0 the value; then what was gathered beside it: a STRING_AGG's separator at 1, sort keys after
 *              (rows are Object[] {value, …} when there is more than the value, else the value itself)
 *   F|L        NULLs first or last
 * </pre>
 *
 * The sort is stable: values equal in every key stay in the order they came, as after Calcite's sort of the input.
 * Values compare as their own type does (a NaN above every number, as PostgreSQL sorts it; arrays element by
 * element); equal for
 * {@code DISTINCT} as SQL has it: NULL once (PostgreSQL keeps one), {@code 1.0} and {@code 1.00} one number, and
 * {@code -0.0} and {@code 0.0} one. Arrays of arrays follow PostgreSQL's rules: none NULL (22004), none empty, all of
 * one length (2202E). Text is joined as PostgreSQL's {@code string_agg} joins it: NULL values left out, each value
 * after the first preceded by its own row's separator (a NULL one is none).
 */
public final class GatheredValues {

    /** PostgreSQL's SQLState for a NULL where a value is required: an array of arrays with a NULL one. */
    static final String NULL_VALUE_NOT_ALLOWED = "22004";

    /** PostgreSQL's SQLState for an array subscript or dimension out of range: arrays of other lengths. */
    static final String ARRAY_SUBSCRIPT_ERROR = "2202E";

    private GatheredValues() {
    }

    /**
     * The array of {@code rows} (each an Object[] {value, sort keys…} if {@code keyed}, else the value) in
     * {@code order}, each value once if {@code distinct}; NULL when there are none.
     */
    public static List<Object> array(List<Object> rows, String order, boolean distinct, boolean keyed,
                                     boolean arrays) {
        if (rows.isEmpty()) {
            return null;
        }
        if (arrays) {
            checkArrays(rows, keyed);
        }
        List<Object> out = new ArrayList<>(rows.size());
        for (Object row : sorted(rows, order, distinct, keyed)) {
            out.add(keyed ? ((Object[]) row)[0] : row);
        }
        return out;
    }

    /**
     * The text of {@code rows}, each {value, separator, sort keys…}, in {@code order} and each value once if
     * {@code distinct}; NULL when no value is.
     */
    public static String text(List<Object> rows, String order, boolean distinct) {
        StringBuilder out = null;
        for (Object row : sorted(rows, order, distinct, true)) {
            Object[] fields = (Object[]) row;
            if (fields[0] == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            } else if (fields[1] != null) {
                out.append(fields[1]);
            }
            out.append(fields[0]);
        }
        return out == null ? null : out.toString();
    }

    private static List<Object> sorted(List<Object> rows, String order, boolean distinct, boolean keyed) {
        if (order.isEmpty()) {
            return rows; // as they came (a DISTINCT call always has an order)
        }
        List<Object> sorted = new ArrayList<>(rows);
        sorted.sort(Arrays.stream(order.split(",")).map(key -> Key.of(key).comparator(keyed))
            .reduce(Comparator::thenComparing).orElseThrow()); // stable: rows equal in every key as they came
        if (!distinct) {
            return sorted;
        }
        List<Object> once = new ArrayList<>(sorted.size());
        Object last = null;
        for (Object row : sorted) {
            Object value = keyed ? ((Object[]) row)[0] : row;
            if (once.isEmpty() || !same(last, value)) {
                once.add(row);
                last = value;
            }
        }
        return once;
    }

    /** One sort key: its position in a row (0 the value itself), its direction, where its NULLs go. */
    private record Key(int position, boolean descending, boolean nullsFirst) {
        static Key of(String text) {
            int n = text.length();
            return new Key(Integer.parseInt(text.substring(0, n - 2)), text.charAt(n - 2) == 'D',
                text.charAt(n - 1) == 'F');
        }

        Comparator<Object> comparator(boolean keyed) {
            Comparator<Object> values = descending ? (a, b) -> compare(b, a) : GatheredValues::compare;
            Comparator<Object> withNulls = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
            return Comparator.comparing(row -> keyed ? ((Object[]) row)[position] : row, withNulls);
        }
    }

    /** Two values (not NULL) of one column: in their type's order; arrays element by element, a NULL above all. */
    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int c = Comparator.nullsLast(GatheredValues::compare).compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        return a instanceof Comparable<?> x && a.getClass() == b.getClass() ? ((Comparable<Object>) x).compareTo(b) : 0;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return compare(x, y) == 0;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue() || (x.isNaN() && y.isNaN());
        }
        if (a instanceof Float x && b instanceof Float y) {
            return x.floatValue() == y.floatValue() || (x.isNaN() && y.isNaN());
        }
        return Objects.equals(a, b);
    }

    private static void checkArrays(List<Object> rows, boolean keyed) {
        int length = -1;
        for (Object row : rows) {
            Object value = keyed ? ((Object[]) row)[0] : row;
            if (value == null) {
                throw SqlErrors.of(NULL_VALUE_NOT_ALLOWED, "cannot accumulate null arrays");
            }
            int size = ((List<?>) value).size();
            if (size == 0) {
                throw SqlErrors.of(ARRAY_SUBSCRIPT_ERROR, "cannot accumulate empty arrays");
            }
            if (length >= 0 && size != length) {
                throw SqlErrors.of(ARRAY_SUBSCRIPT_ERROR, "cannot accumulate arrays of different dimensionality: "
                    + length + " and " + size + " elements");
            }
            length = size;
        }
    }
}
