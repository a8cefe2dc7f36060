package dev.hindsight.log;

import org.agrona.collections.LongArrayList;

/**
 * Binary search over an ascending {@link LongArrayList}, the one lookup the seq and time indexes share, and a copy of
 * its prefix.
 */
final class SortedLongs {

    private SortedLongs() {
    }

    /** The position of the last value {@code <= key} in ascending {@code values}, or -1 if there is none. */
    static int lastAtOrBefore(LongArrayList values, long key) {
        int lo = 0;
        int hi = values.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (values.getLong(mid) <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The first {@code n} values, copied. */
    static long[] prefix(LongArrayList values, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = values.getLong(i);
        }
        return out;
    }
}
