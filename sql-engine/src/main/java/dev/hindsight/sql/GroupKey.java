package dev.hindsight.sql;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The group key of one event of a SQL projection: the first {@code size} of the event's evaluated values, as a
 * fixed-size {@link java.util.List} (equal to, and hashing as, any list of the same elements, e.g. a key read back
 * from a snapshot), its hash computed once where the event is prepared rather than at each lookup. It carries the
 * whole array of evaluated values, so that it is all {@link SqlFold} passes from preparing an event to applying it.
 */
final class GroupKey extends AbstractList<Object> implements RandomAccess {

    private final Object[] values;
    private final int size;
    private final int hash;

    GroupKey(Object[] values, int size) {
        this.values = values;
        this.size = size;
        int h = 1;
        for (int i = 0; i < size; i++) {
            if (values[i] instanceof Double d && d == 0.0) {
                values[i] = 0.0; // -0.0 too, as PostgreSQL groups them (SignedZeroKeys)
            } else if (values[i] instanceof Float f && f == 0.0f) {
                values[i] = 0.0f;
            }
            h = 31 * h + (values[i] == null ? 0 : values[i].hashCode());
        }
        this.hash = h;
    }

    /** The event's evaluated values: the key, then the aggregates' arguments. */
    Object[] values() {
        return values;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return values[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof GroupKey k) {
            return hash == k.hash && size == k.size && Arrays.equals(values, 0, size, k.values, 0, size);
        }
        return super.equals(o);
    }
}
