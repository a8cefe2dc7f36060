package dev.hindsight.log;

import java.util.Arrays;

/**
 * One stream in the in-memory index: its identity, version and the {@code seq} of each of its events. Mutated only
 * by the appending thread; read under the index lock. The seqs sit in a plain array owned by this object (not a list
 * object behind it): an append touches one object fewer, which shows on the hot path.
 */
final class StreamState {

    final String streamId;
    /** UTF-8 of {@link #streamId} and its {@link StreamTable#hash}: the key of the stream table. */
    final byte[] idBytes;
    final int hash;
    final String entityType;
    long version;
    /**
     * Events of this stream in the batch being checked (an append's guards, under the append lock) or read
     * (recovery), not yet added; 0 otherwise.
     */
    int inBatch;
    long createdTs;
    long updatedTs;
    /** seq of version v at position v-1; valid up to {@code version}. */
    private long[] seqs = new long[4];

    StreamState(String streamId, byte[] idBytes, String entityType) {
        this.streamId = streamId;
        this.idBytes = idBytes;
        this.hash = StreamTable.hash(idBytes, 0, idBytes.length);
        this.entityType = entityType;
    }

    /** A stream read from a checkpoint: {@code seqs} holds the seq of each version up to {@code version}. */
    StreamState(String streamId, byte[] idBytes, String entityType, long[] seqs, long version, long createdTs,
                long updatedTs) {
        this(streamId, idBytes, entityType);
        this.seqs = seqs;
        this.version = version;
        this.createdTs = createdTs;
        this.updatedTs = updatedTs;
    }

    /**
     * The array of seqs itself, for a checkpoint: positions below {@link #version} never change once written (a
     * longer array replaces it instead), so it may be read outside the index lock up to the version seen under it.
     */
    long[] seqsArray() {
        return seqs;
    }

    void add(long seq, long ts) {
        if (version == 0) {
            createdTs = ts;
        }
        if (version == seqs.length) {
            seqs = Arrays.copyOf(seqs, seqs.length * 2);
        }
        seqs[(int) version++] = seq;
        updatedTs = ts;
    }

    long seqOf(long version) {
        return seqs[(int) (version - 1)];
    }

    /** How many of this stream's events have {@code seq <= atSeq}. */
    long versionAt(long atSeq) {
        int lo = 0;
        int hi = (int) version;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seqs[mid] <= atSeq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
