package dev.hindsight.log;

import static dev.hindsight.log.RecordDescriptor.TYPE_EVENT;
import static dev.hindsight.log.RecordDescriptor.TYPE_VOID;

/**
 * Checks every record an index checkpoint covers, as a full open would, without rebuilding the indexes from them: the
 * checkpoint saves the work of indexing those records, not the reading of them. SPEC §1: "corruption anywhere else
 * stops the open with the file and position named, never skipped silently"; with the checkpoint trusted unread, a
 * byte damaged in the middle of the log went unnoticed until a read reached it.
 *
 * <p>The rules are the full scan's ({@link LogRecovery}): each record's checksum and fields, the seqs of events rising
 * by one, and one damaged record allowed only where a VOID record follows it (a tail an earlier open cut back);
 * records a VOID record voids give their seqs back, so the next event may take the first of them again.
 */
final class CheckpointCoverage implements QueueStore.ExcerptVisitor {

    private final QueueStore store;
    private final long headExcerpt;
    private final RecordDecoder decoder = new RecordDecoder();
    /** The seq the next event takes: one past the last event no VOID record took back. */
    private long nextSeq = 1;
    /** The seq the events since the last complete append started from, and whether such events are pending. */
    private long pendingFrom = -1;
    private long badIndex = -1;
    private String badProblem;
    private LogCorruptedException corruption;
    /** Whether the read reached the checkpoint's head record, and the last excerpt it read before. */
    private boolean reachedHead;
    private long lastExcerpt = -1;

    private CheckpointCoverage(QueueStore store, long headExcerpt) {
        this.store = store;
        this.headExcerpt = headExcerpt;
    }

    /**
     * Reads every record before {@code headExcerpt} (the checkpoint's head of seq {@code headSeq}, which its load
     * checked).
     *
     * @throws LogCorruptedException naming the file and excerpt of the first damage, or of the last record read where
     *                               the queue ends before the head (a header zeroed in the middle reads as the end)
     */
    static void check(QueueStore store, long headExcerpt, long headSeq) {
        CheckpointCoverage c = new CheckpointCoverage(store, headExcerpt);
        store.readAllFromStart(c);
        if (c.corruption == null && c.badIndex >= 0) {
            c.fail(c.badIndex, c.badProblem + ", and records follow it");
        }
        if (c.corruption == null && !c.reachedHead) {
            long at = c.lastExcerpt >= 0 ? c.lastExcerpt : headExcerpt;
            c.fail(at, "the queue ends " + (c.lastExcerpt >= 0 ? "after this record" : "before its first record")
                + " (seq " + (c.nextSeq - 1) + "), before the index checkpoint's head record (seq " + headSeq
                + ", excerpt 0x" + Long.toHexString(headExcerpt) + "), which was on disk at the last clean close: "
                + "the records between are damaged or missing");
        }
        if (c.corruption != null) {
            throw c.corruption;
        }
    }

    @Override
    public boolean visit(long excerpt, byte[] bytes, int length) {
        if (excerpt >= headExcerpt) {
            reachedHead = true;
            // the head record continues the seqs read before it (its own fields the checkpoint's load checked)
            if (badIndex < 0 && decoder.wrap(bytes, length) == null && decoder.type() == TYPE_EVENT
                && decoder.seq() != nextSeq) {
                return fail(excerpt, "seq " + decoder.seq() + " where " + nextSeq + " was expected");
            }
            return false;
        }
        lastExcerpt = excerpt;
        String problem = decoder.wrap(bytes, length);
        if (badIndex >= 0) {
            if (problem == null && decoder.type() == TYPE_VOID) {
                voided();
                return true;
            }
            return fail(badIndex, badProblem + ", and records follow it");
        }
        if (problem != null) {
            badIndex = excerpt;
            badProblem = problem;
            return true;
        }
        if (decoder.type() == TYPE_VOID) {
            voided();
            return true;
        }
        if (decoder.type() == TYPE_EVENT) {
            if (decoder.seq() != nextSeq) {
                return fail(excerpt, "seq " + decoder.seq() + " where " + nextSeq + " was expected");
            }
            if (pendingFrom < 0) {
                pendingFrom = nextSeq;
            }
            nextSeq++;
            if (decoder.batchRemaining() == 0) {
                pendingFrom = -1; // the append is complete: no VOID record can take these seqs back
            }
        }
        return true;
    }

    /** A VOID record: the unfinished append before it (and a damaged record) never happened. */
    private void voided() {
        if (pendingFrom >= 0) {
            nextSeq = pendingFrom;
            pendingFrom = -1;
        }
        badIndex = -1;
        badProblem = null;
    }

    private boolean fail(long excerpt, String problem) {
        corruption = LogCorruptedException.of(store.fileOf(excerpt), excerpt, problem);
        return false;
    }
}
