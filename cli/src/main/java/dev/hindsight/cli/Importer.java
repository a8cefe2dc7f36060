package dev.hindsight.cli;

import dev.hindsight.http.json.ImportLine;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.EventLogException;
import dev.hindsight.log.InvalidEventException;
import dev.hindsight.log.Source;
import dev.hindsight.log.WrongExpectedVersionException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Appends the events of an import file, line by line, with source {@code import}.
 *
 * <p><b>Guards.</b> A line with a {@code version} is appended only if the stream is at {@code version - 1}
 * (a new stream for version 1), so importing an export into an empty log reproduces its versions, and importing it
 * twice fails loudly rather than doubling every stream. A line without one is appended unguarded.
 *
 * <p><b>Groups.</b> For speed, up to {@link ImportGroup#MAX_LINES} consecutive lines, of any streams, go into one
 * atomic {@link EventLog#appendAll}. Each line keeps its own guard there (consecutive lines of one stream share one
 * request, guarded by its first line, if each has no version or exactly the version that follows), and the log checks
 * each guard as if the lines before it had been appended, so a group succeeds exactly when appending its lines one by
 * one would. If a group is refused (version conflict or invalid event), nothing of it was written, and its lines are
 * appended again one at a time to find and name the line at fault, with every line before it imported, as if there
 * were no grouping.
 *
 * <p><b>Failures</b> stop the import: {@code line N: <problem>; imported K events before the error}, exit 2 for a bad
 * line or invalid event, 3 for a version conflict, 1 for anything else (disk full, ...). Events before line N stay
 * imported.
 *
 * <p><b>Threads.</b> The file is read and parsed on a second thread ({@link ImportReader}), a few groups ahead of the
 * appends on the calling thread, so the two overlap on two cores. The order of lines, the guards and the messages are
 * as if one thread did both; the progress counts only acknowledged appends. Not thread-safe itself.
 */
final class Importer implements LineImport {

    /** Groups read ahead of the appends: enough to smooth out the two threads' speeds, little memory. */
    private static final int READ_AHEAD = 4;
    /** How often a wait for the next group looks whether the import was stopped. */
    private static final long STOP_CHECK_MS = 50;

    private final EventLog log;
    private long imported; // read by another thread only after a latch the import counts down (ImportCommand)
    private long bytesDone;
    /** Set by {@link #stop}: the import ends after the group being appended. */
    private volatile boolean stopping;

    Importer(EventLog log) {
        this.log = log;
    }

    /**
     * Imports every line of {@code lines}, reporting to {@code progress}; the reading thread has ended when this
     * returns or throws an {@link IOException} (so {@code lines} can be asked where it stopped).
     */
    @Override
    public void run(LineReader lines, Progress progress) throws IOException {
        BlockingQueue<ImportGroup> groups = new ArrayBlockingQueue<>(READ_AHEAD);
        Thread reader = new Thread(new ImportReader(lines, groups, log), "hindsight-import-reader");
        reader.setDaemon(true);
        reader.start();
        boolean done = false;
        try {
            ImportGroup group;
            do {
                group = next(groups);
                if (group == null) {
                    return; // stopped: the reader, blocked on a group nobody will take, is interrupted below
                }
                append(group);
                bytesDone = group.bytesRead();
                progress.update(imported, bytesDone);
            } while (!group.isLast());
            done = true;
            join(reader);
            stopAt(group);
        } finally {
            if (!done) {
                // an append failed: the reader may be blocked handing over a group nobody will take
                reader.interrupt();
            }
        }
    }

    /**
     * Ends the import after the group being appended, whole: for a signal (Ctrl-C, SIGTERM), after which the log is
     * closed as after the last line, rather than left with an append cut short (a torn tail, which {@code verify}
     * counts as damage). Any thread.
     */
    void stop() {
        stopping = true;
    }

    /** Events appended so far. */
    @Override
    public long imported() {
        return imported;
    }

    /**
     * Bytes of the file up to the end of the last group appended: for the progress, which must not read the
     * {@link LineReader} while the reading thread may still be using it.
     */
    @Override
    public long bytesDone(LineReader lines) {
        return bytesDone;
    }

    private void append(ImportGroup group) {
        if (group.size() == 0) {
            return;
        }
        try {
            if (group.prepared() == null) {
                // the reading thread found an invalid event: appendAll throws it, and the lines are tried one by one
                log.appendAll(group.requests(), Source.IMPORT);
            } else {
                log.appendAll(group.prepared(), Source.IMPORT);
            }
            imported += group.size();
        } catch (WrongExpectedVersionException | InvalidEventException e) {
            if (group.size() == 1) {
                throw failure(e, group.lineNumber(0));
            }
            appendOneByOne(group);
        } catch (EventLogException e) {
            throw failure(e, group.lineNumber(0));
        }
    }

    /** After a refused group (nothing written): the lines one at a time, so the error names its own line. */
    private void appendOneByOne(ImportGroup group) {
        for (int i = 0; i < group.size(); i++) {
            ImportLine line = group.line(i);
            try {
                log.append(line.streamId(), line.entityType(), List.of(line.event()), ImportGroup.guard(line),
                    Source.IMPORT);
                imported++;
            } catch (EventLogException e) {
                throw failure(e, group.lineNumber(i));
            }
        }
    }

    /** Throws what stopped the reading, if anything did, now that every line before it is imported. */
    private void stopAt(ImportGroup last) throws IOException {
        if (last.badLine() != null) {
            throw failure(ExitCode.USAGE, last.badLineNumber(), last.badLine());
        }
        Throwable why = last.failure();
        if (why == null) {
            return;
        }
        if (why instanceof LineReader.RefusedInputException) {
            throw new CommandFailure(ExitCode.USAGE, why.getMessage() + beforeTheError());
        }
        if (why instanceof IOException e) {
            throw e;
        }
        if (why instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) why;
    }

    /**
     * The next group, or null once {@link #stop} was called: looked at between groups and while waiting for one (a
     * pipe or a terminal may hold the reader for as long as it likes).
     */
    private ImportGroup next(BlockingQueue<ImportGroup> groups) {
        try {
            ImportGroup group = null;
            while (group == null && !stopping) {
                group = groups.poll(STOP_CHECK_MS, TimeUnit.MILLISECONDS);
            }
            return stopping ? null : group;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCode.FAILED, "interrupted while importing");
        }
    }

    private static void join(Thread reader) {
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCode.FAILED, "interrupted while importing");
        }
    }

    private CommandFailure failure(EventLogException e, long lineNumber) {
        return failure(ErrorReporter.exitCode(e), lineNumber, e.getMessage());
    }

    private CommandFailure failure(int exitCode, long lineNumber, String problem) {
        return new CommandFailure(exitCode, "line " + lineNumber + ": " + problem + beforeTheError());
    }

    private String beforeTheError() {
        return "; imported " + imported + " events before the error";
    }
}
