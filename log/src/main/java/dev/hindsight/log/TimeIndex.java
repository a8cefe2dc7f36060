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
        return found + 1 < firstSeqs.size() ? firstSeqs.getLong(found + 1) - 1 : headSeq;
    }
}
