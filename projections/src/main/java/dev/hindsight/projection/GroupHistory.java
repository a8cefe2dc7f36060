package dev.hindsight.projection;

import java.util.Arrays;

/**
 * Every state one group has had, each with the seq it took effect at: the state {@code AS OF n} is the last one whose
 * seq is {@code <= n}, found by binary search. One writer (the projection's runner); readers on any thread.
 *
 * <pre>
 *   chunk 0         chunk 1          chunk 2 (the last; CHUNK slots each but the first may be shorter)
 *   seqs   [ 3 | 17 | … ] [ 9001 | … ] [ 20417 | 20420 | MAX | MAX ]   sorted; unused slots hold Long.MAX_VALUE
 *   states [ s1| s2 | … ] [ …         ] [ …             | -   | -   ]   state i holds for seq in [seqs[i], seqs[i+1])
 *   packed [ s1 s1 | s2 s2 | … ]                                       or, with a {@link Fold.StatePacking}, state i
 *                                                                      as width longs; states then holds only what
 *                                                                      would not pack (a chunk's null until one)
 * </pre>
 *
 * <p>Why chunks: a long history never copies what it holds, so a catch-up over millions of events into few groups
 * does not keep copying (and the collector moving) ever larger arrays. The first chunk grows from small, so a
 * group of few events stays small. A search finds the chunk by its first seq, then the slot within it.
 *
 * <p>Why this is safe without locks: a reader bounds itself by the view's position, a volatile the runner writes
 * after events are applied, so every slot with a seq at or below that bound was written before it. Slots written
 * later read as either MAX or a seq above the bound, which the search treats alike. A chunk is filled in before the
 * {@link Slots} holding it is published, in one volatile write.
 */
final class GroupHistory {

    /** Slots per chunk once the first is full: a power of two. */
    static final int CHUNK = 1024;
    private static final int SHIFT = Integer.numberOfTrailingZeros(CHUNK);
    private static final int MASK = CHUNK - 1;

    /** The chunks, replaced together when one is added or grows. Never compared: identity is all it has. */
    private static final class Slots {
        final long[][] seqs;
        /** Per chunk: states that would not pack, or all states without packing; null where none yet. */
        final Object[][] states;
        /** Per chunk, without packing null. */
        final long[][] packed;
        /** Chunks in use. */
        final int chunks;

        Slots(long[][] seqs, Object[][] states, long[][] packed, int chunks) {
            this.seqs = seqs;
            this.states = states;
            this.packed = packed;
            this.chunks = chunks;
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
        int first = Math.min(CHUNK, Math.max(1, capacity));
        slots = new Slots(new long[][] {maxSeqs(first)},
            new Object[][] {packing == null ? new Object[first] : null},
            packing == null ? null : new long[][] {new long[first * width]}, 1);
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
        return count == 0 ? 0 : slots.seqs[(count - 1) >>> SHIFT][(count - 1) & MASK];
    }

    int size() {
        return count;
    }

    /** Runner only: {@code state} holds from {@code seq} on; a second put at the same seq replaces the first. */
    void put(long seq, Object state) {
        newest = state;
        Slots s = slots;
        if (count > 0 && s.seqs[(count - 1) >>> SHIFT][(count - 1) & MASK] == seq) {
            publish(s, store(s, count - 1, state));
            return;
        }
        Slots room = withRoom(s);
        room.seqs[count >>> SHIFT][count & MASK] = seq;
        Slots stored = store(room, count, state);
        count++;
        publish(s, stored);
    }

    private void publish(Slots before, Slots after) {
        if (after != before) {
            slots = after;
        }
    }

    /** {@code s}, or new (unpublished) slots with room for entry {@code count}: chunk 0 grown, or a chunk added. */
    private Slots withRoom(Slots s) {
        int chunk = count >>> SHIFT;
        if (chunk < s.chunks && (count & MASK) < s.seqs[chunk].length) {
            return s;
        }
        if (chunk == 0) {
            int length = s.seqs[0].length;
            int capacity = Math.min(CHUNK, length < 4 ? length * 2 : length + (length >> 1));
            long[] seqs = Arrays.copyOf(s.seqs[0], capacity);
            Arrays.fill(seqs, length, capacity, Long.MAX_VALUE);
            long[][] allSeqs = s.seqs.clone();
            allSeqs[0] = seqs;
            Object[][] states = s.states.clone();
            states[0] = states[0] == null ? null : Arrays.copyOf(states[0], capacity);
            long[][] packed = s.packed == null ? null : s.packed.clone();
            if (packed != null) {
                packed[0] = Arrays.copyOf(packed[0], capacity * width);
            }
            return new Slots(allSeqs, states, packed, 1);
        }
        int directory = s.seqs.length == chunk ? chunk * 2 : s.seqs.length;
        long[][] seqs = Arrays.copyOf(s.seqs, directory);
        seqs[chunk] = maxSeqs(CHUNK);
        Object[][] states = Arrays.copyOf(s.states, directory);
        states[chunk] = packing == null ? new Object[CHUNK] : null;
        long[][] packed = null;
        if (s.packed != null) {
            packed = Arrays.copyOf(s.packed, directory);
            packed[chunk] = new long[CHUNK * width];
        }
        return new Slots(seqs, states, packed, chunk + 1);
    }

    private static long[] maxSeqs(int length) {
        long[] seqs = new long[length];
        Arrays.fill(seqs, Long.MAX_VALUE);
        return seqs;
    }

    /** Writes entry {@code i}'s state into {@code s}: packed if it packs, else as the object; the slots to publish. */
    private Slots store(Slots s, int i, Object state) {
        int chunk = i >>> SHIFT;
        int slot = i & MASK;
        if (packing == null) {
            s.states[chunk][slot] = state;
            return s;
        }
        if (packing.pack(state, s.packed[chunk], slot * width)) {
            if (s.states[chunk] != null) {
                s.states[chunk][slot] = null;
            }
            return s;
        }
        Slots with = s;
        if (s.states[chunk] == null) {
            Object[][] states = s.states.clone();
            states[chunk] = new Object[s.seqs[chunk].length];
            with = new Slots(s.seqs, states, s.packed, s.chunks);
        }
        with.states[chunk][slot] = state;
        return with;
    }

    private Object state(Slots s, int i) {
        int chunk = i >>> SHIFT;
        int slot = i & MASK;
        Object[] states = s.states[chunk];
        if (states != null && states[slot] != null) {
            return states[slot];
        }
        return packing == null ? null : packing.unpack(s.packed[chunk], slot * width);
    }

    /** The state as of {@code bound} (a seq at or below the view's published position), or {@code null}. */
    Object stateAt(long bound) {
        Slots s = slots;
        int chunk = -1;
        int lo = 0;
        int hi = s.chunks - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (s.seqs[mid][0] <= bound) {
                chunk = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (chunk < 0) {
            return null;
        }
        long[] seqs = s.seqs[chunk];
        int found = 0;
        lo = 1;
        hi = seqs.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (seqs[mid] <= bound) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return state(s, (chunk << SHIFT) + found);
    }
}
