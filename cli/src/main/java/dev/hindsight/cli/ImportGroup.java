package dev.hindsight.cli;

import dev.hindsight.http.json.ImportLine;
import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.PreparedBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Up to {@link #MAX_LINES} consecutive lines of an import file, as the requests of one atomic
 * {@link dev.hindsight.log.EventLog#appendAll}, and, on the last group of a file, why reading stopped.
 *
 * <p>Each line keeps its own guard: a line with a {@code version} must find its stream at {@code version - 1} (a new
 * stream for version 1), a line without one is unguarded. Consecutive lines of one stream share one request, guarded
 * by its first line, if each has no version or exactly the version that follows; so the group's append succeeds
 * exactly when appending its lines one by one would.
 *
 * <p>Filled by the reading thread, then handed over whole (through a blocking queue, which publishes it) to the
 * appending thread, which only reads it: never shared while it changes.
 */
final class ImportGroup {

    static final int MAX_LINES = 1000;

    private final List<ImportLine> lines = new ArrayList<>(MAX_LINES);
    private final long[] lineNumbers = new long[MAX_LINES];
    private final List<AppendRequest> requests = new ArrayList<>(MAX_LINES);
    /** The events of the last request, while consecutive lines of its stream may still join it. */
    private List<NewEvent> run;
    private long bytesRead;
    private boolean last;
    private long badLineNumber;
    private String badLine;
    private Throwable failure;
    /** The group checked and encoded by the reading thread, or null (not prepared, or refused as invalid). */
    private PreparedBatch prepared;

    /** Adds a line; the caller sends the group on once it {@link #isFull()}. */
    void add(ImportLine line, long lineNumber, long bytesReadAfterIt) {
        int n = lines.size();
        if (n > 0 && joinsRun(lines.get(n - 1), line)) {
            if (run.size() == 1) {
                // the request held an immutable one-element list: its stream has a run after all
                run = new ArrayList<>(run);
                int r = requests.size() - 1;
                AppendRequest previous = requests.get(r);
                requests.set(r, new AppendRequest(previous.streamId(), previous.entityType(), run,
                    previous.expected()));
            }
            run.add(line.event());
        } else {
            run = List.of(line.event());
            requests.add(new AppendRequest(line.streamId(), line.entityType(), run, guard(line)));
        }
        lineNumbers[n] = lineNumber;
        lines.add(line);
        bytesRead = bytesReadAfterIt;
    }

    /** Whether {@code line} may share the request of {@code previous}, the line before it. */
    private static boolean joinsRun(ImportLine previous, ImportLine line) {
        return line.streamId().equals(previous.streamId())
            && line.entityType().equals(previous.entityType())
            && (!line.hasVersion() || (previous.hasVersion() && line.version() == previous.version() + 1));
    }

    /** The guard of {@code line} appended on its own. */
    static ExpectedVersion guard(ImportLine line) {
        if (!line.hasVersion()) {
            return ExpectedVersion.any();
        }
        return line.version() == 1 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(line.version() - 1);
    }

    boolean isFull() {
        return lines.size() == MAX_LINES;
    }

    /** Marks the last group of the file: reading reached the end, or stopped at a bad line. */
    void endAtBadLine(long lineNumber, String problem) {
        last = true;
        badLineNumber = lineNumber;
        badLine = problem;
    }

    /** Marks the last group of the file; {@code why} is null at the end of the file, else what stopped reading. */
    void end(Throwable why, long bytesReadAtEnd) {
        last = true;
        failure = why;
        bytesRead = Math.max(bytesRead, bytesReadAtEnd);
    }

    List<AppendRequest> requests() {
        return requests;
    }

    /**
     * Checks and encodes the group for its append (on the reading thread, so the appending thread only writes). Any
     * failure leaves it unprepared, and never escapes to the reading thread: the appending thread then appends the
     * requests themselves, meets the same failure, and names the line.
     */
    void prepare(EventLog log) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            prepared = log.prepare(requests);
        } catch (RuntimeException e) {
            prepared = null;
        }
    }

    /** The prepared batch, or null if {@link #prepare} found an invalid event. */
    PreparedBatch prepared() {
        return prepared;
    }

    int size() {
        return lines.size();
    }

    ImportLine line(int i) {
        return lines.get(i);
    }

    long lineNumber(int i) {
        return lineNumbers[i];
    }

    /** Bytes of the file read up to the end of this group. */
    long bytesRead() {
        return bytesRead;
    }

    boolean isLast() {
        return last;
    }

    /** The number of the bad line that ended reading, or 0. */
    long badLineNumber() {
        return badLineNumber;
    }

    /** What is wrong with the bad line that ended reading, or null. */
    String badLine() {
        return badLine;
    }

    /** What else stopped reading (an {@link java.io.IOException} or an unexpected error), or null. */
    Throwable failure() {
        return failure;
    }
}
