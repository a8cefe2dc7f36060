package dev.hindsight.cli;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.EventLogException;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.InvalidEventException;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import dev.hindsight.log.WrongExpectedVersionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends the events of an import file, line by line, with source {@code import}.
 *
 * <p><b>Guards.</b> A line with a {@code version} is appended only if the stream is at {@code version - 1}
 * (a new stream for version 1), so importing an export into an empty log reproduces its versions, and importing it
 * twice fails loudly rather than doubling every stream. A line without one is appended unguarded.
 *
 * <p><b>Batches.</b> For speed, consecutive lines of one stream (same entity type) go into one atomic append of up
 * to {@link #MAX_BATCH} events, guarded by its first line; a line joins only if it has no version or exactly the
 * version that follows, so a batch succeeds exactly when appending its lines one by one would. If a batch is
 * refused (version conflict or invalid event), nothing of it was written, and its lines are appended again one at a
 * time to find and name the line at fault, with every line before it imported, as if there were no batching.
 *
 * <p><b>Failures</b> stop the import: {@code line N: <problem>; imported K events before the error}, exit 2 for a bad
 * line or invalid event, 3 for a version conflict, 1 for anything else (disk full, ...). Events before line N stay
 * imported. Not thread-safe.
 */
final class Importer {

    static final int MAX_BATCH = 500;

    private final EventLog log;
    private final ImportLineParser parser = new ImportLineParser();
    private final List<ImportLine> batch = new ArrayList<>(MAX_BATCH);
    private final List<NewEvent> batchEvents = new ArrayList<>(MAX_BATCH);
    private final long[] batchLineNumbers = new long[MAX_BATCH];
    private long imported;

    Importer(EventLog log) {
        this.log = log;
    }

    /** Imports every line of {@code lines}, reporting to {@code progress}. */
    void run(LineReader lines, Progress progress) throws IOException {
        while (true) {
            try {
                if (!lines.next()) {
                    break;
                }
            } catch (LineReader.LineTooLongException e) {
                flush();
                throw new CommandFailure(ExitCode.USAGE, e.getMessage() + beforeTheError());
            }
            if (isBlank(lines.buffer(), lines.start(), lines.length())) {
                continue;
            }
            ImportLine line;
            try {
                line = parser.parse(lines.buffer(), lines.start(), lines.length());
            } catch (ImportLineParser.BadLineException e) {
                flush();
                throw failure(ExitCode.USAGE, lines.lineNumber(), e.getMessage());
            }
            if (!batch.isEmpty() && !joinsBatch(line)) {
                flush();
            }
            batchLineNumbers[batch.size()] = lines.lineNumber();
            batch.add(line);
            batchEvents.add(line.event());
            if (batch.size() == MAX_BATCH) {
                flush();
            }
            progress.update(imported, lines.bytesRead());
        }
        flush();
    }

    /** Events appended so far. */
    long imported() {
        return imported;
    }

    private boolean joinsBatch(ImportLine line) {
        ImportLine first = batch.get(0);
        return line.streamId().equals(first.streamId())
            && line.entityType().equals(first.entityType())
            && (!line.hasVersion() || first.hasVersion() && line.version() == first.version() + batch.size());
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        ImportLine first = batch.get(0);
        try {
            log.append(first.streamId(), first.entityType(), batchEvents, guard(first), Source.IMPORT);
            imported += batch.size();
        } catch (WrongExpectedVersionException | InvalidEventException e) {
            if (batch.size() == 1) {
                throw failure(e, batchLineNumbers[0]);
            }
            appendOneByOne();
        } catch (EventLogException e) {
            throw failure(e, batchLineNumbers[0]);
        } finally {
            batch.clear();
            batchEvents.clear();
        }
    }

    /** After a refused batch (nothing written): the lines one at a time, so the error names its own line. */
    private void appendOneByOne() {
        for (int i = 0; i < batch.size(); i++) {
            ImportLine line = batch.get(i);
            try {
                log.append(line.streamId(), line.entityType(), List.of(line.event()), guard(line), Source.IMPORT);
                imported++;
            } catch (EventLogException e) {
                throw failure(e, batchLineNumbers[i]);
            }
        }
    }

    private static ExpectedVersion guard(ImportLine line) {
        if (!line.hasVersion()) {
            return ExpectedVersion.any();
        }
        return line.version() == 1 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(line.version() - 1);
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

    private static boolean isBlank(byte[] b, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
