package dev.hindsight.log;

import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The in-memory indexes of the log: streams, seq to excerpt, time to seq. Read on open from the index checkpoint
 * and the records after it, or rebuilt by scanning the queue.
 *
 * <p>Thread-safety: mutated only by the thread holding the append lock (or the opening thread), always inside
 * {@code synchronized (this)}; readers also synchronise on this object for the few nanoseconds of a lookup. The
 * head {@code seq} is volatile so that a reader can see how far the log goes without the lock.
 */
final class LogIndex {

    // keyed by the id's UTF-8 bytes (see StreamTable), not Agrona's Object2ObjectHashMap: Agrona's open addressing
    // with its cheap hash mix clustered badly on ids like "order-1234" (measured: most of the append and open time
    // went into probing), and a String key would cost a String per record on the open-time scan
    private final StreamTable streams = new StreamTable();
    private final List<StreamState> streamsInOrder = new ArrayList<>();
    private final SeqIndex seqs = new SeqIndex();
    private final TimeIndex times = new TimeIndex();
    private volatile long head;
    /** The last seq {@link #add}ed: ahead of {@link #head} while a batch is written or waits for its fsync. */
    private long lastAdded;

    /** The stream's state by the UTF-8 of its id; call under the append lock or {@code synchronized (this)}. */
    StreamState stream(byte[] streamId) {
        return streams.get(streamId);
    }

    /** The stream's state by the UTF-8 of its id, {@code len} bytes at {@code off} of {@code bytes}. */
    StreamState stream(byte[] bytes, int off, int len, int hash) {
        return streams.get(bytes, off, len, hash);
    }

    private StreamState stream(String streamId) {
        return streams.get(streamId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds one event, not yet visible through {@link #head()}; see {@link #publish}.
     *
     * @param s the stream's state if the caller looked it up already, else {@code null}; a state of version 0 is a
     *          new stream the caller made (recovery), added to the index here
     * @return the stream's state
     */
    StreamState add(StreamState s, String streamId, byte[] idBytes, String entityType, long seq, long ts,
                    long excerptIndex) {
        if (s == null) {
            s = streams.get(idBytes);
            if (s == null) {
                s = new StreamState(streamId, idBytes, entityType);
            }
        }
        if (s.version == 0) {
            streams.put(s);
            streamsInOrder.add(s);
        }
        seqs.add(seq, excerptIndex);
        times.add(seq, ts);
        s.add(seq, ts);
        lastAdded = seq;
        return s;
    }

    /**
     * Makes everything up to {@code seq} visible to readers: called once per batch after its last event, or (with
     * {@link Durability#FSYNC}) once the batch is on disk. Never moves the head back.
     */
    void publish(long seq) {
        if (seq > head) {
            head = seq;
        }
    }

    /** The last seq visible to readers. */
    long head() {
        return head;
    }

    /** The last seq added, visible or not: the next append's seq follows it. Under the append lock. */
    long lastAdded() {
        return lastAdded;
    }

    /** The stream's version as readers may see it: its events up to {@link #head} only. */
    private long visibleVersion(StreamState s) {
        long v = s.version;
        return v == 0 || s.seqOf(v) <= head ? v : s.versionAt(head);
    }

    private StreamInfo infoAt(StreamState s, long v) {
        return new StreamInfo(s.streamId, s.entityType, v, s.seqOf(1), s.seqOf(v), s.createdTs, updatedTsAt(s, v));
    }

    /** The ts of the stream's event {@code v}: its last update as of that version. */
    private long updatedTsAt(StreamState s, long v) {
        return v == s.version ? s.updatedTs : times.tsOf(s.seqOf(v));
    }

    long lastTs() {
        return times.lastTs();
    }

    /** Whether the last visible event (none: the log is empty) has a {@code ts} at or before {@code tsMillis}. */
    synchronized boolean headAtOrBefore(long tsMillis) {
        return head == 0 || times.tsOf(head) <= tsMillis;
    }

    synchronized long seqAtOrBefore(long tsMillis) {
        return times.seqAtOrBefore(tsMillis, head);
    }

    synchronized long indexOf(long seq) {
        return seqs.indexOf(seq);
    }

    /** The excerpt index of each of {@code wanted} seqs, under one lock. */
    synchronized long[] indexesOf(long[] wanted) {
        long[] out = new long[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            out[i] = seqs.indexOf(wanted[i]);
        }
        return out;
    }

    synchronized long runFrom(long seq) {
        return seqs.runFrom(seq);
    }

    synchronized StreamInfo info(String streamId) {
        StreamState s = stream(streamId);
        long v = s == null ? 0 : visibleVersion(s);
        return v == 0 ? null : infoAt(s, v);
    }

    synchronized List<StreamInfo> streams() {
        List<StreamInfo> out = new ArrayList<>(streamsInOrder.size());
        for (StreamState s : streamsInOrder) {
            long v = visibleVersion(s);
            if (v == 0) {
                break; // in order of first appearance: the streams after this one are not visible either
            }
            out.add(infoAt(s, v));
        }
        return out;
    }

    /** Every stream as it was when the log ended at {@code atSeq}: derived from the seqs, nothing stored twice. */
    synchronized List<StreamInfo> streamsAt(long atSeq) {
        List<StreamInfo> out = new ArrayList<>();
        long at = Math.min(atSeq, head);
        for (StreamState s : streamsInOrder) {
            long v = s.versionAt(at);
            if (v == 0) {
                break; // in order of first appearance: no later stream existed at that seq
            }
            out.add(infoAt(s, v));
        }
        return out;
    }

    /**
     * The indexes as readers see them, up to the head: what a checkpoint holds. Taken under the lock in time linear
     * in the streams, the segments and the time entries, not in the events: each stream's seq array is handed over as
     * it is (see {@link StreamState#seqsArray}), to be read up to the version taken here.
     */
    synchronized Snapshot snapshot() {
        long h = head;
        List<StreamEntry> entries = new ArrayList<>(streamsInOrder.size());
        for (StreamState s : streamsInOrder) {
            long v = visibleVersion(s);
            if (v == 0) {
                break;
            }
            entries.add(new StreamEntry(s, v, s.createdTs, updatedTsAt(s, v), s.seqsArray()));
        }
        long[][] segments = h == 0 ? new long[][] {new long[0], new long[0]} : seqs.segmentsUpTo(h);
        long[][] entriesTs = h == 0 ? new long[][] {new long[0], new long[0]} : times.entriesUpTo(h);
        return new Snapshot(h, h == 0 ? -1 : seqs.indexOf(h), segments[0], segments[1], entriesTs[0], entriesTs[1],
            entries);
    }

    /**
     * What {@link #snapshot} returns: the head, its excerpt, the seq and time indexes' entries, the streams.
     *
     * <p>Design note: a class, not a record, because it holds arrays, handed to the checkpoint writer without another
     * copy (the index entries copied once under the lock, each stream's seqs not at all), and a snapshot is never
     * compared or hashed: it keeps {@link Object}'s identity {@code equals} rather than a record's, which would compare
     * the arrays by reference and look like value equality. Read-only by convention.
     */
    static final class Snapshot {

        private final long head;
        private final long headExcerpt;
        private final long[] segmentSeqs;
        private final long[] segmentIndexes;
        private final long[] timeTs;
        private final long[] timeSeqs;
        private final List<StreamEntry> streams;

        Snapshot(long head, long headExcerpt, long[] segmentSeqs, long[] segmentIndexes, long[] timeTs,
                 long[] timeSeqs, List<StreamEntry> streams) {
            this.head = head;
            this.headExcerpt = headExcerpt;
            this.segmentSeqs = segmentSeqs;
            this.segmentIndexes = segmentIndexes;
            this.timeTs = timeTs;
            this.timeSeqs = timeSeqs;
            this.streams = streams;
        }

        /** The last seq readers could see when the snapshot was taken; 0 for an empty log. */
        long head() {
            return head;
        }

        /** The excerpt index of {@link #head()}'s record; -1 for an empty log. */
        long headExcerpt() {
            return headExcerpt;
        }

        /** The first seq of each seq index segment, paired with {@link #segmentIndexes()}; not a copy. */
        long[] segmentSeqs() {
            return segmentSeqs;
        }

        /** The excerpt index of each of {@link #segmentSeqs()}; not a copy. */
        long[] segmentIndexes() {
            return segmentIndexes;
        }

        /** The commit times (epoch ms) where the ts changes, paired with {@link #timeSeqs()}; not a copy. */
        long[] timeTs() {
            return timeTs;
        }

        /** The first seq with each of {@link #timeTs()}; not a copy. */
        long[] timeSeqs() {
            return timeSeqs;
        }

        /** The visible streams, in order of first appearance. */
        List<StreamEntry> streams() {
            return streams;
        }

        long lastTs() {
            return timeTs.length == 0 ? Long.MIN_VALUE : timeTs[timeTs.length - 1];
        }
    }

    /**
     * One stream of a {@link Snapshot}: {@code seqs} is valid up to {@code version}. A class, not a record, for the
     * reason {@link Snapshot} gives: {@code seqs} is the stream's own array (see {@link StreamState#seqsArray}).
     */
    static final class StreamEntry {

        private final StreamState state;
        private final long version;
        private final long createdTs;
        private final long updatedTs;
        private final long[] seqs;

        StreamEntry(StreamState state, long version, long createdTs, long updatedTs, long[] seqs) {
            this.state = state;
            this.version = version;
            this.createdTs = createdTs;
            this.updatedTs = updatedTs;
            this.seqs = seqs;
        }

        StreamState state() {
            return state;
        }

        /** The stream's version as of the snapshot's head. */
        long version() {
            return version;
        }

        long createdTs() {
            return createdTs;
        }

        /** The ts of the stream's event {@link #version()}. */
        long updatedTs() {
            return updatedTs;
        }

        /** The seq of each version, from version 1 at index 0, valid up to {@link #version()}; not a copy. */
        long[] seqs() {
            return seqs;
        }
    }

    /**
     * Replaces the (empty) index with one read from a checkpoint whose head is {@code headSeq} in excerpt
     * {@code headExcerpt}; the streams are in order of first appearance.
     */
    synchronized void install(long headSeq, long headExcerpt, long[] segmentSeqs, long[] segmentIndexes,
                              long[] timeTs, long[] timeSeqs, List<StreamState> restored) {
        reset();
        seqs.restore(segmentSeqs, segmentIndexes, headSeq, headExcerpt);
        times.restore(timeTs, timeSeqs);
        for (StreamState s : restored) {
            streams.put(s);
            streamsInOrder.add(s);
        }
        lastAdded = headSeq;
        head = headSeq;
    }

    /** Empties the index: before a full scan that replaces a checkpoint found wrong part way. */
    synchronized void reset() {
        streams.clear();
        streamsInOrder.clear();
        seqs.clear();
        times.clear();
        lastAdded = 0;
        head = 0;
    }

    /**
     * The seqs of versions {@code from, from±1, ...} of a stream, at most {@code limit}, going forward or backward.
     */
    /**
     * The first and the last version of {@code streamId}'s visible events whose seq is within {@code loSeq} to
     * {@code hiSeq}: {@code {first, last}}, first past last when there are none (an unknown stream too).
     */
    synchronized long[] streamVersionsWithin(String streamId, long loSeq, long hiSeq) {
        StreamState s = stream(streamId);
        if (s == null || hiSeq < loSeq) {
            return new long[] {1, 0};
        }
        // versionAt(seq): how many of the stream's events are at or before seq (their seqs ascend with the version)
        long first = (loSeq <= 1 ? 0 : s.versionAt(loSeq - 1)) + 1;
        long last = Math.min(visibleVersion(s), s.versionAt(hiSeq));
        return new long[] {first, last};
    }

    /** The seq of {@code streamId}'s last visible event, 0 if it has none (an unknown stream too). */
    synchronized long lastVisibleSeq(String streamId) {
        StreamState s = stream(streamId);
        long v = s == null ? 0 : visibleVersion(s);
        return v == 0 ? 0 : s.seqOf(v);
    }

    synchronized long[] streamSeqs(String streamId, long fromVersion, Direction direction, int limit) {
        StreamState s = stream(streamId);
        if (s == null || limit <= 0) {
            return new long[0];
        }
        long version = visibleVersion(s);
        long first;
        long last;
        if (direction == Direction.FORWARD) {
            first = Math.max(fromVersion, 1);
            last = Math.min(version, first + limit - 1);
        } else {
            first = Math.min(fromVersion, version);
            last = Math.max(1, first - limit + 1);
        }
        int n = (int) Math.max(0, Math.abs(last - first) + 1);
        if (first < 1 || first > version) {
            return new long[0];
        }
        long[] out = new long[n];
        long step = direction == Direction.FORWARD ? 1 : -1;
        for (int i = 0; i < n; i++) {
            out[i] = s.seqOf(first + i * step);
        }
        return out;
    }
}
