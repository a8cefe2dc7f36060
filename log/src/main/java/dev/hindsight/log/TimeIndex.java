package dev.hindsight.log;

import org.agrona.collections.LongArrayList;

/**
 * Maps commit time to {@code seq}. Because {@code ts} never decreases in {@code seq} order, only the points where it
 * changes are kept: {@code (ts, first seq with that ts)}, a few entries per millisecond at most. Not thread-safe:
 * guarded by the index lock.
 */
final class TimeIndex {

    private final LongArrayList timestamps = new LongArrayList();
    private final LongArrayList firstSeqs = new LongArrayList();
    private long lastTs = Long.MIN_VALUE;

    void add(long seq, long ts) {
        if (ts < lastTs) {
            throw new IllegalStateException("ts " + ts + " of seq " + seq + " is before " + lastTs);
        }
        if (ts != lastTs) {
            timestamps.addLong(ts);
            firstSeqs.addLong(seq);
            lastTs = ts;
        }
    }

    /** The entries whose first seq is at or before {@code seq}: {@code {timestamps, firstSeqs}}, for a checkpoint. */
    long[][] entriesUpTo(long seq) {
        int n = SortedLongs.lastAtOrBefore(firstSeqs, seq) + 1;
        return new long[][] {SortedLongs.prefix(timestamps, n),
            SortedLongs.prefix(firstSeqs, n)};
    }

    /** Replaces the contents with entries read from a checkpoint. */
    void restore(long[] entryTs, long[] entrySeqs) {
        clear();
        for (int i = 0; i < entryTs.length; i++) {
            timestamps.addLong(entryTs[i]);
            firstSeqs.addLong(entrySeqs[i]);
        }
        lastTs = entryTs.length == 0 ? Long.MIN_VALUE : entryTs[entryTs.length - 1];
    }

    void clear() {
        timestamps.clear();
        firstSeqs.clear();
        lastTs = Long.MIN_VALUE;
    }

    /** The ts of {@code seq}, which must have been added. */
    long tsOf(long seq) {
        return timestamps.getLong(SortedLongs.lastAtOrBefore(firstSeqs, seq));
    }

    long lastTs() {
        return lastTs;
    }

    /** The last seq with {@code ts <= tsMillis}, 0 if none, given that {@code headSeq} is the last seq. */
    long seqAtOrBefore(long tsMillis, long headSeq) {
        int found = SortedLongs.lastAtOrBefore(timestamps, tsMillis);
        if (found < 0) {
            return 0;
        }
        // entries past the head are indexed but not visible yet (an FSYNC batch waiting for its fsync)
        return found + 1 < firstSeqs.size() ? Math.min(firstSeqs.getLong(found + 1) - 1, headSeq) : headSeq;
    }
}
