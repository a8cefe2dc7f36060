package dev.hindsight.sql;

import java.util.Comparator;

/**
 * The order of a sort with a floating-point key ({@link FloatKeySort}): PostgreSQL's order of floating-point numbers
 * ({@link FloatExtremes#compare}: NaN above every number and equal to itself, {@code -0} equal to {@code 0}), NULLs
 * first or last as asked, either direction. Public, with its methods, for Calcite's generated code.
 */
public final class FloatKeyOrder implements Comparator<Object> {

    private final boolean nullsFirst;
    private final boolean descending;

    private FloatKeyOrder(boolean nullsFirst, boolean descending) {
        this.nullsFirst = nullsFirst;
        this.descending = descending;
    }

    /**
     * The order of {@code ORDER BY x [DESC] NULLS FIRST|LAST}; NULLs where asked whatever the direction, as
     * Calcite's own comparator places them.
     */
    public static Comparator<Object> of(boolean nullsFirst, boolean descending) {
        return new FloatKeyOrder(nullsFirst, descending);
    }

    /**
     * The order of several keys, the values of a row's keys in an array, one of them (at least) floating-point:
     * {@code keys} says per key its direction and where its NULLs go, two letters each, {@code a} or {@code d} then
     * {@code f} or {@code l} ({@code "afdl"}: {@code ORDER BY x NULLS FIRST, y DESC NULLS LAST}). A floating-point
     * value is ordered as {@link #of} orders it; any other as Calcite's comparator of several keys does, by its
     * {@code compareTo}. Calcite's compared the doubles with {@code Double.compare}, {@code -0} below {@code 0}, so
     * the key after them did not decide among them, as it does in PostgreSQL.
     */
    public static Comparator<Object[]> ofKeys(String keys) {
        int n = keys.length() / 2;
        FloatKeyOrder[] orders = new FloatKeyOrder[n];
        for (int i = 0; i < n; i++) {
            orders[i] = new FloatKeyOrder(keys.charAt(2 * i + 1) == 'f', keys.charAt(2 * i) == 'd');
        }
        return (a, b) -> {
            for (int i = 0; i < n; i++) {
                int c = orders[i].compare(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
        }
        int c = a instanceof Double || a instanceof Float
            ? FloatExtremes.compare(((Number) a).doubleValue(), ((Number) b).doubleValue())
            : ((Comparable<Object>) a).compareTo(b);
        return descending ? -c : c;
    }
}
