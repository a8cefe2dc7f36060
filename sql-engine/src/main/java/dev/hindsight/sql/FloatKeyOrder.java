package dev.hindsight.sql;

import java.util.Comparator;

/**
 * The order of a sort's lone floating-point key ({@link FloatKeySort}): PostgreSQL's order of floating-point numbers
 * ({@link FloatExtremes#compare}: NaN above every number and equal to itself), NULLs first or last as asked, either
 * direction. Public, with its method, for Calcite's generated code.
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

    @Override
    public int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
        }
        int c = FloatExtremes.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        return descending ? -c : c;
    }
}
