package dev.hindsight.log;

import static dev.hindsight.log.RecordDescriptor.TYPE_VOID;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.collections.LongArrayList;

/**
 * Rebuilds the {@link LogIndex} on open by scanning every excerpt, or every excerpt after a verified index checkpoint
 * ({@link #recover}), and finds a torn tail.
 *
 * <p>What a crash can leave, and only at the very end of the queue:
 * <ul>
 *   <li>an excerpt Chronicle never published (its header still "not complete"): Chronicle hides it and the next
 *       append overwrites it;</li>
 *   <li>the first records of a multi-event append whose last record ({@code batchRemaining = 0}) is missing;</li>
 *   <li>one last record whose bytes are damaged (a file cut short), detected by its checksum.</li>
 * </ul>
 * Such a tail was never acknowledged. It is cut back by appending a VOID record that names the first excerpt it
 * voids; later scans skip the voided excerpts. Anything else that fails a check — a bad record followed by good
 * ones, a gap in {@code seq} or in a stream's versions, time going back, a queue that reads as ending before the last
 * record Chronicle's index names — is corruption, and opening fails with the file and excerpt named rather than
 * skipping it.
 */
final class LogRecovery implements QueueStore.ExcerptVisitor {

    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());

    private final QueueStore store;
    private final LogIndex index;
    private final RecordDecoder decoder = new RecordDecoder();

    /** Excerpts of the current, not yet complete batch (or a bad record), waiting for their outcome. */
    private final LongArrayList pendingIndexes = new LongArrayList();
    private final LongArrayList pendingSeqs = new LongArrayList();
    private final LongArrayList pendingTs = new LongArrayList();
    /** The stream of each pending record: indexed already, or new (version 0, in {@link #pendingNew}). */
    private final List<StreamState> pendingStates = new ArrayList<>();
    /** Streams first met in the pending batch, not in the index until the batch completes. */
    private final StreamTable pendingNew = new StreamTable();
    private int pendingRemaining;
    private long badIndex = -1;
    private String badProblem;
    private long lastTs;
    private LogCorruptedException corruption;
    /** The last excerpt the scan reached, whole or not; -1 before the first. */
    private long lastExcerpt = -1;
    /** The seq up to which the index came from the checkpoint (0: the whole log was scanned), and why not if not. */
    private long checkpointSeq;
    private String checkpointProblem;

    private LogRecovery(QueueStore store, LogIndex index) {
        this.store = store;
        this.index = index;
        this.lastTs = index.lastTs();
    }

    /**
     * Rebuilds {@code index} (empty) from the index checkpoint in {@code dir} and a scan of the records after it, or,
     * if there is no usable checkpoint or {@code useCheckpoint} is false, from a scan of the whole log. A checkpoint
     * that is refused, or that the records after it do not fit, is reported with a WARNING and replaced by the full
     * scan: a checkpoint is never trusted unchecked. The records it covers are read and checked all the same
     * ({@link CheckpointCoverage}).
     *
     * <p>A checkpoint is written only at a clean close, after the queue was forced to disk, so every record up to the
     * one it names was whole on disk then. Records it covers that are damaged, or missing (a queue that ends before
     * its head record, or a whole checkpoint naming a record the queue does not hold), are corruption, not a torn tail
     * left by a crash: the open fails naming the file and excerpt (SPEC §1), where the full scan took such a log for
     * a shorter one and cut it back — losing every record after the damage, and the appends made after that open,
     * which were written behind the damage where no later scan reached them.
     */
    static LogRecovery recover(Path dir, QueueStore store, LogIndex index, boolean useCheckpoint) {
        if (!useCheckpoint) {
            return scan(store, index);
        }
        CheckpointHead head;
        try {
            head = IndexCheckpointReader.load(dir, store, index);
        } catch (IndexCheckpointReader.Rejected e) {
            LogRecovery r = scan(store, index);
            if (e.missingSeq > index.head()) {
                throw LogCorruptedException.of(store.fileOf(e.missingExcerpt), e.missingExcerpt, "the index "
                    + "checkpoint, written at the last clean close after the queue was forced to disk, names seq "
                    + e.missingSeq + " here, but the log's whole records end at seq " + index.head()
                    + ": acknowledged records are missing or damaged (a file cut short or overwritten, or queue files "
                    + "restored from an older copy beside a newer checkpoint); restore it from a backup, or, to open "
                    + "the log as it is, without them for good (later appends take their seqs again), move "
                    + dir.resolve(IndexCheckpointDescriptor.FILE_NAME) + " away");
            }
            if (!e.missing || index.head() > 0) {
                r.checkpointProblem = e.getMessage();
                LOG.log(System.Logger.Level.WARNING, "index checkpoint not used, scanned the whole log ("
                    + index.head() + " events): " + e.getMessage());
            }
            return r;
        }
        // the records it covers are read and checked, not indexed; damage there fails the open
        CheckpointCoverage.check(store, head.excerpt(), head.seq());
        try {
            LogRecovery r = scanAfter(store, index, head.excerpt());
            r.checkpointSeq = head.seq();
            return r;
        } catch (LogCorruptedException e) {
            // either the log is damaged after the checkpoint, and the full scan says so again, or the checkpoint
            // does not describe the log it was verified against: the full scan decides
            index.reset();
            LogRecovery r = scan(store, index);
            r.checkpointProblem = "the records after the index checkpoint (seq " + head.seq() + ") do not fit it: "
                + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, r.checkpointProblem + "; scanned the whole log instead");
            return r;
        }
    }

    /** Scans the records after {@code excerpt} into {@code index}, which holds the log up to that excerpt. */
    static LogRecovery scanAfter(QueueStore store, LogIndex index, long excerpt) {
        LogRecovery r = new LogRecovery(store, index);
        synchronized (index) {
            store.read(excerpt, Long.MAX_VALUE, (idx, bytes, len) -> {
                if (idx == excerpt) {
                    r.lastExcerpt = idx; // the checkpoint's head, read from the checkpoint, not visited
                    return true;
                }
                return r.visit(idx, bytes, len);
            });
            r.endOfQueue();
        }
        if (r.corruption != null) {
            throw r.corruption;
        }
        return r;
    }

    /** The seq up to which the index was read from the checkpoint; 0 if the whole log was scanned. */
    long checkpointSeq() {
        return checkpointSeq;
    }

    /** Why the checkpoint was not used, or {@code null} (used, or none expected: an empty or in-memory log). */
    String checkpointProblem() {
        return checkpointProblem;
    }

    /**
     * Scans {@code store} into {@code index}.
     *
     * @return the report; the caller cuts a torn tail back with {@link #tornTailStart()}
     */
    static LogRecovery scan(QueueStore store, LogIndex index) {
        LogRecovery r = new LogRecovery(store, index);
        synchronized (index) {
            store.readAllFromStart(r);
            r.endOfQueue();
        }
        if (r.corruption != null) {
            throw r.corruption;
        }
        return r;
    }

    @Override
    public boolean visit(long excerpt, byte[] bytes, int length) {
        lastExcerpt = excerpt;
        String problem = decoder.wrap(bytes, length);
        if (badIndex >= 0) {
            // only a VOID record may follow a damaged one: the tail cut back by an earlier open
            if (problem == null && decoder.type() == TYPE_VOID && voids(decoder)) {
                clearPending();
                return true;
            }
            return fail(badIndex, badProblem + ", and records follow it");
        }
        if (problem != null) {
            badIndex = excerpt;
            badProblem = problem;
            if (pendingIndexes.isEmpty()) {
                pendingIndexes.addLong(excerpt);
            }
            return true;
        }
        if (decoder.type() == TYPE_VOID) {
            if (pendingIndexes.isEmpty() && decoder.voidFirstIndex() == 0) {
                // a cut-back of nothing: builds before 2026-12-06 wrote one naming excerpt 0 when an append's write
                // itself failed (a disk full between two free-space checks), and no open took such a log again
                return true;
            }
            if (pendingIndexes.isEmpty() || !voids(decoder)) {
                return fail(excerpt, "VOID record for excerpt 0x" + Long.toHexString(decoder.voidFirstIndex())
                    + " does not follow an unfinished append");
            }
            clearPending();
            return true;
        }
        return event(excerpt);
    }

    private boolean event(long excerpt) {
        long expectedSeq = index.head() + pendingSeqs.size() + 1;
        if (decoder.seq() != expectedSeq) {
            return fail(excerpt, "seq " + decoder.seq() + " where " + expectedSeq + " was expected");
        }
        if (!pendingSeqs.isEmpty() && decoder.batchRemaining() != pendingRemaining - 1) {
            return fail(pendingIndexes.getLong(0), "an append is unfinished (" + pendingRemaining
                + " more records expected) but another record follows it");
        }
        // the stream is found by the id's bytes in the record: no String per record on this path
        byte[] bytes = decoder.byteArray();
        int idOffset = RecordDescriptor.EVENT_HEADER_LENGTH;
        int idLength = decoder.streamIdLength();
        int hash = StreamTable.hash(bytes, idOffset, idLength);
        StreamState s = index.stream(bytes, idOffset, idLength, hash);
        if (s == null) {
            s = pendingNew.get(bytes, idOffset, idLength, hash);
        }
        long expectedVersion = (s == null ? 0 : s.version + s.inBatch) + 1;
        if (decoder.version() != expectedVersion) {
            return fail(excerpt, "stream '" + decoder.streamId() + "' version " + decoder.version() + " where "
                + expectedVersion + " was expected");
        }
        long ts = decoder.ts();
        if (ts < lastTs) {
            return fail(excerpt, "ts " + ts + " is before the previous record's " + lastTs);
        }
        lastTs = ts;
        if (s == null) {
            s = new StreamState(decoder.streamId(), Arrays.copyOfRange(bytes, idOffset, idOffset + idLength),
                decoder.entityType());
            pendingNew.put(s);
        }
        s.inBatch++;
        pendingStates.add(s);
        pendingIndexes.addLong(excerpt);
        pendingSeqs.addLong(decoder.seq());
        pendingTs.addLong(ts);
        pendingRemaining = decoder.batchRemaining();
        if (pendingRemaining == 0) {
            for (int i = 0; i < pendingSeqs.size(); i++) {
                StreamState state = pendingStates.get(i);
                index.add(state, state.streamId, state.idBytes, state.entityType, pendingSeqs.getLong(i),
                    pendingTs.getLong(i), pendingIndexes.getLong(i));
            }
            index.publish(pendingSeqs.getLong(pendingSeqs.size() - 1));
            clearPending();
        }
        return true;
    }

    /**
     * The queue ended: what is still pending is the torn tail, which is never applied. Its indexed streams lose the
     * records counted in their {@code inBatch}, which the append guard would otherwise add to their version (a stream
     * at version 32 with one torn record would refuse {@code expectedVersion 32} as "actual version 33"); the pending
     * lists stay for the report. A queue that ended before the last excerpt Chronicle's index names did not end: it
     * has a hole.
     */
    private void endOfQueue() {
        for (int i = 0; i < pendingStates.size(); i++) {
            pendingStates.get(i).inBatch = 0;
        }
        if (corruption != null) {
            return; // the damage found says more than the queue's end would
        }
        long indexed;
        try {
            indexed = store.lastIndexed();
        } catch (RuntimeException e) {
            fail(lastExcerpt >= 0 ? lastExcerpt : store.firstIndex(), "the queue's last record cannot be found after "
                + "this one (Chronicle says: " + e + "); restore the log from a backup");
            return;
        }
        if (indexed > lastExcerpt) {
            // Chronicle's reader takes a header of zeros for the end of the queue: a page zeroed, or a file cut short,
            // in the middle of the log ended the scan early, and the records after it looked like a torn tail. Cut
            // back, they were lost, and so were the appends of every later open: Chronicle writes after its last
            // record, behind the hole, where no scan reaches (their seqs were handed out again)
            // the first excerpt not read whole: a damaged last record the scan reached, or the one after the last
            long hole = badIndex >= 0 ? badIndex : lastExcerpt >= 0 ? lastExcerpt + 1 : store.firstIndex();
            boolean laterFile = lastExcerpt >= 0 && !store.sameFile(lastExcerpt, indexed);
            fail(hole, "the queue reads as ending here, but Chronicle's index names records after it, up to excerpt "
                + "0x" + Long.toHexString(indexed) + " in " + store.fileOf(indexed) + ": a hole in the middle of the "
                + "log (a page of zeros, a file cut short or overwritten"
                + (laterFile ? ", or this file's end-of-file marker lost, with later files whole" : "")
                + "; or a machine that lost power before its writes reached the disk, which durability process "
                + "allows, and fsync for an append not yet acknowledged), not a tail a process crash leaves, since "
                + "Chronicle indexes a record only once it is whole; restore the log from a backup");
        }
    }

    private boolean voids(RecordDecoder d) {
        return !pendingIndexes.isEmpty() && d.voidFirstIndex() == pendingIndexes.getLong(0);
    }

    private void clearPending() {
        for (int i = 0; i < pendingStates.size(); i++) {
            pendingStates.get(i).inBatch = 0;
        }
        pendingIndexes.clear();
        pendingSeqs.clear();
        pendingTs.clear();
        pendingStates.clear();
        pendingNew.clear();
        badIndex = -1;
        badProblem = null;
        lastTs = index.lastTs();
    }

    private boolean fail(long excerpt, String problem) {
        corruption = LogCorruptedException.of(store.fileOf(excerpt), excerpt, problem);
        return false;
    }

    /** The first excerpt of the torn tail, or -1 if the log is whole. */
    long tornTailStart() {
        return pendingIndexes.isEmpty() ? -1 : pendingIndexes.getLong(0);
    }

    /**
     * How many excerpts the torn tail spans, up to the last excerpt of the queue: counted, since excerpt indexes jump
     * where the queue rolls to a new file.
     */
    long tornTailExcerpts() {
        if (tornTailStart() < 0) {
            return 0;
        }
        boolean badOneApart = badIndex >= 0 && badIndex != pendingIndexes.getLong(0);
        return (long) pendingIndexes.size() + (badOneApart ? 1 : 0);
    }

    /** Describes the torn tail for the operator, or {@code null}. */
    String tornTailDetail() {
        if (tornTailStart() < 0) {
            return null;
        }
        String what = badIndex >= 0
            ? "a damaged last record (" + badProblem + ")"
                + (pendingSeqs.isEmpty() ? "" : " after " + pendingSeqs.size() + " records of an unfinished append")
            : pendingSeqs.size() + " records of an unfinished append to stream '" + pendingStates.get(0).streamId
                + "' (seq " + pendingSeqs.getLong(0) + "..)";
        return what + " in " + store.fileOf(tornTailStart()) + " from excerpt index 0x"
            + Long.toHexString(tornTailStart());
    }
}
