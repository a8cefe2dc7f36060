package dev.hindsight.log;

import org.agrona.collections.LongArrayList;

/**
 * Maps {@code seq} to the Chronicle excerpt index of its record. Consecutive events are consecutive excerpts within a
 * roll cycle, so the map is a short list of segments {@code (firstSeq, firstIndex)}; a segment ends where the queue
 * rolls to a new file or a torn tail was voided. Not thread-safe: guarded by the index lock.
 */
final class SeqIndex {

    private final LongArrayList firstSeqs = new LongArrayList();
    private final LongArrayList firstIndexes = new LongArrayList();
    private long lastSeq;
    private long lastIndex = Long.MIN_VALUE;

    void add(long seq, long index) {
        if (seq != lastSeq + 1) {
            throw new IllegalStateException("seq " + seq + " added after " + lastSeq);
        }
        if (firstSeqs.isEmpty() || index != lastIndex + 1) {
            firstSeqs.addLong(seq);
            firstIndexes.addLong(index);
        }
        lastSeq = seq;
        lastIndex = index;
    }

    /** The segments that start at or before {@code seq}: {@code {firstSeqs, firstIndexes}}, for a checkpoint. */
    long[][] segmentsUpTo(long seq) {
        int n = SortedLongs.lastAtOrBefore(firstSeqs, seq) + 1;
        return new long[][] {SortedLongs.prefix(firstSeqs, n),
            SortedLongs.prefix(firstIndexes, n)};
    }

    /** Replaces the contents with segments read from a checkpoint, ending at {@code lastSeq} in {@code lastIndex}. */
    void restore(long[] segmentSeqs, long[] segmentIndexes, long lastSeq, long lastIndex) {
        clear();
        for (int i = 0; i < segmentSeqs.length; i++) {
            firstSeqs.addLong(segmentSeqs[i]);
            firstIndexes.addLong(segmentIndexes[i]);
        }
        this.lastSeq = lastSeq;
        this.lastIndex = lastIndex;
    }

    void clear() {
        firstSeqs.clear();
        firstIndexes.clear();
        lastSeq = 0;
        lastIndex = Long.MIN_VALUE;
    }

    /** The excerpt index of {@code seq}, which must be in {@code [1, lastSeq]}. */
    long indexOf(long seq) {
        int segment = segmentOf(seq);
        return firstIndexes.getLong(segment) + (seq - firstSeqs.getLong(segment));
    }

    /** How many seqs from {@code seq} on (inclusive) lie in the same segment, i.e. can be read sequentially. */
    long runFrom(long seq) {
        int segment = segmentOf(seq);
        long end = segment + 1 < firstSeqs.size() ? firstSeqs.getLong(segment + 1) - 1 : lastSeq;
        return end - seq + 1;
    }

    private int segmentOf(long seq) {
        if (seq < 1 || seq > lastSeq) {
            throw new IllegalArgumentException("seq " + seq + " outside [1, " + lastSeq + "]");
        }
        return SortedLongs.lastAtOrBefore(firstSeqs, seq); // >= 0: the first segment starts at seq 1
    }
}
