package dev.hindsight.log;

import org.agrona.collections.LongArrayList;

/**
 * One stream in the in-memory index: its identity, version and the {@code seq} of each of its events. Mutated only
 * by the appending thread; read under the index lock.
 */
final class StreamState {

    final String streamId;
    final String entityType;
    long version;
    long createdTs;
    long updatedTs;
    /** seq of version v at position v-1. */
    private final LongArrayList seqs = new LongArrayList(4, Long.MIN_VALUE);

    StreamState(String streamId, String entityType) {
        this.streamId = streamId;
        this.entityType = entityType;
    }

    void add(long seq, long ts) {
        if (seqs.isEmpty()) {
            createdTs = ts;
        }
        seqs.addLong(seq);
        version = seqs.size();
        updatedTs = ts;
    }

    long seqOf(long version) {
        return seqs.getLong((int) (version - 1));
    }

    StreamInfo info() {
        return new StreamInfo(streamId, entityType, version, seqOf(1), seqOf(version), createdTs, updatedTs);
    }
}
