package dev.hindsight.projection;

import java.util.Arrays;

/**
 * Every state one group has had, each with the seq it took effect at: the state {@code AS OF n} is the last one whose
 * seq is {@code <= n}, found by binary search. One writer (the projection's runner); readers on any thread.
 *
 * <pre>
 *   seqs    [ 3 | 17 | 42 | MAX | MAX ]   sorted; unused slots hold Long.MAX_VALUE
 *   states  [ s1| s2 | s3 | -   | -   ]   state i holds for seq in [seqs[i], seqs[i+1])
 *   packed  [ s1 s1 | s2 s2 | s3 s3 | ]   or, with a {@link Fold.StatePacking}, state i as width longs at i * width;
 *                                         states then holds only what would not pack (null until one does not)
 * </pre>
 *
 * <p>Why this is safe without locks: a reader bounds itself by the view's position, a volatile the runner writes
 * after an event is applied, so every slot with a seq at or below that bound was written before it. Slots written
 * later read as either MAX or a seq above the bound, which the search treats alike. Growing swaps the arrays in
 * one volatile write of a fresh {@link Slots}.
 */
final class GroupHistory {

    /** The arrays, swapped together when they grow. Never compared: identity is all it has. */
    private static final class Slots {
        final long[] seqs;
        final Object[] states;
        final long[] packed;

        Slots(long[] seqs, Object[] states, long[] packed) {
            this.seqs = seqs;
            this.states = states;
            this.packed = packed;
        }
    }

    private final Fold.StatePacking packing;
    private final int width;
    private volatile Slots slots;
    private int count; // written and read by the runner only
    /** The newest state as put, so the runner reads it back without unpacking it; runner only. */
    private Object newest;

    GroupHistory(int capacity) {
        this(capacity, null);
    }

    /** A history that keeps states packed by {@code packing} ({@code null}: as objects). */
    GroupHistory(int capacity, Fold.StatePacking packing) {
        this.packing = packing;
        this.width = packing == null ? 0 : packing.width();
        long[] seqs = new long[Math.max(1, capacity)];
        Arrays.fill(seqs, Long.MAX_VALUE);
        slots = packing == null ? new Slots(seqs, new Object[seqs.length], null)
            : new Slots(seqs, null, new long[seqs.length * width]);
    }

    /** The runner's view: the newest state. */
    Object latest() {
        if (count == 0) {
            return null;
        }
        if (newest == null) {
            newest = state(slots, count - 1);
        }
        return newest;
    }

    /** The seq of the newest state, or 0. */
    long latestSeq() {
        return count == 0 ? 0 : slots.seqs[count - 1];
    }

    int size() {
        return count;
    }

    /** Runner only: {@code state} holds from {@code seq} on; a second put at the same seq replaces the first. */
    void put(long seq, Object state) {
        newest = state;
        Slots s = slots;
        if (count > 0 && s.seqs[count - 1] == seq) {
            store(s, count - 1, state);
            return;
        }
        if (count == s.seqs.length) {
            int capacity = count < 4 ? count * 2 : count + (count >> 1);
            long[] seqs = Arrays.copyOf(s.seqs, capacity);
            Arrays.fill(seqs, count, capacity, Long.MAX_VALUE);
            s = new Slots(seqs, s.states == null ? null : Arrays.copyOf(s.states, capacity),
                s.packed == null ? null : Arrays.copyOf(s.packed, capacity * width));
            slots = s;
        }
        store(s, count, state);
        s.seqs[count] = seq;
        count++;
    }

    /** Writes slot {@code i}'s state: packed if it packs, else as the object. */
    private void store(Slots s, int i, Object state) {
        if (packing == null) {
            s.states[i] = state;
            return;
        }
        if (packing.pack(state, s.packed, i * width)) {
            if (s.states != null) {
                s.states[i] = null;
            }
            return;
        }
        Slots with = s;
        if (s.states == null) {
            with = new Slots(s.seqs, new Object[s.seqs.length], s.packed);
            slots = with;
        }
        with.states[i] = state;
    }

    private Object state(Slots s, int i) {
        if (s.states != null && s.states[i] != null) {
            return s.states[i];
        }
        return packing == null ? null : packing.unpack(s.packed, i * width);
    }

    /** The state as of {@code bound} (a seq at or below the view's published position), or {@code null}. */
    Object stateAt(long bound) {
        Slots s = slots;
        long[] seqs = s.seqs;
        int lo = 0;
        int hi = seqs.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (seqs[mid] <= bound) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : state(s, found);
    }
}
