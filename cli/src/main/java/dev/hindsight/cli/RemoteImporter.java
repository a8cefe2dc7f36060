package dev.hindsight.cli;

import dev.hindsight.http.json.ImportLine;
import dev.hindsight.http.json.ImportLineParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code import --url}: the lines of an import file appended through a server's {@code POST /v1/streams/{id}/events},
 * with the guards of the local {@link Importer}: a line with a {@code version} is appended only if the stream is at
 * {@code version - 1}.
 *
 * <p>Consecutive lines of one stream go in one atomic request (at most {@link #MAX_EVENTS} events and
 * {@link #MAX_BYTES} of them, or one event of any size), guarded by the first
 * line's version when it has one; a line whose version does not follow the one before it starts a new request, so
 * its own guard is checked. A refused request stops the import with the lines it held named: nothing of that
 * request was written, everything before it was. Not thread-safe, but for {@link #stop}, which a signal's thread
 * calls.
 */
final class RemoteImporter implements LineImport {

    /** Events per request: large enough to amortise a round trip, far below the server's body limit for most. */
    static final int MAX_EVENTS = 500;

    /**
     * Bytes of events per request: half the server's default body limit (2 MiB), so that a stream of large events is
     * sent in several requests rather than refused whole with 413 (500 events of 5 KB were); an event larger than a
     * server's limit goes alone, and that server's refusal names the limit.
     */
    static final int MAX_BYTES = 1 << 20;

    private final ServerClient server;
    private final ImportLineParser parser = new ImportLineParser();
    private final List<byte[]> events = new ArrayList<>();
    private long bytes;
    private String stream;
    private long lastVersion;
    private long firstLine;
    private long lastLine;
    private long imported;
    /** The last line of the last request the server acknowledged (0: none yet); guarded by {@link #sending}. */
    private long doneLine;
    /** Held while a request is in flight, so that {@link #stop} can wait for its answer. */
    private final ReentrantLock sending = new ReentrantLock();
    private volatile boolean stopped;

    RemoteImporter(ServerClient server) {
        this.server = server;
    }

    @Override
    public void run(LineReader lines, Progress progress) throws IOException {
        while (next(lines, progress)) {
            if (lines.isBlank()) {
                continue; // as the local import skips it
            }
            ImportLine line;
            try {
                line = parser.parse(lines.buffer(), lines.start(), lines.length());
            } catch (ImportLineParser.BadLineException e) {
                send(progress, lines.bytesRead());
                throw CommandFailure.usage("line " + lines.lineNumber() + ": " + e.getMessage() + "; imported "
                    + imported + " events before the error");
            }
            if (!continues(line)) {
                send(progress, lines.bytesRead());
            }
            if (events.isEmpty()) {
                stream = line.streamId();
                firstLine = lines.lineNumber();
            }
            long guard = events.isEmpty() && line.hasVersion() ? line.version() - 1 : -1;
            byte[] event = RemoteEvents.event(line.entityType(), line.event(), guard);
            if (!events.isEmpty() && bytes + event.length + 1 > MAX_BYTES) {
                send(progress, lines.bytesRead()); // this event starts a request of its own, guarded by its version
                stream = line.streamId();
                firstLine = lines.lineNumber();
                guard = line.hasVersion() ? line.version() - 1 : -1;
                event = RemoteEvents.event(line.entityType(), line.event(), guard);
            }
            events.add(event);
            bytes += event.length + 1; // and a comma or bracket
            lastVersion = line.hasVersion() ? line.version() : 0;
            lastLine = lines.lineNumber();
        }
        send(progress, lines.bytesRead());
    }

    /**
     * The reader's next line; a line over the reader's limit is bad input (exit 2, as the local import says it),
     * the lines before it sent first: they were dropped, and it was exit 1.
     */
    private boolean next(LineReader lines, Progress progress) throws IOException {
        try {
            return lines.next();
        } catch (LineReader.RefusedInputException e) {
            send(progress, lines.bytesRead());
            throw CommandFailure.usage(e.getMessage() + "; imported " + imported + " events before the error");
        }
    }

    @Override
    public long imported() {
        return imported;
    }

    @Override
    public long bytesDone(LineReader lines) {
        return lines.bytesRead();
    }

    private boolean continues(ImportLine line) {
        if (events.isEmpty()) {
            return true;
        }
        if (events.size() >= MAX_EVENTS || !line.streamId().equals(stream)) {
            return false;
        }
        // a version must follow the previous line's, or it needs its own guard; no version after one is unguarded
        return line.hasVersion() ? lastVersion > 0 && line.version() == lastVersion + 1 : lastVersion == 0;
    }

    private void send(Progress progress, long bytesRead) {
        if (events.isEmpty()) {
            return;
        }
        sending.lock();
        try {
            if (stopped) {
                events.clear(); // nothing more is sent: the signal's thread has said how far the import got
                return;
            }
            try {
                server.append(stream, events);
            } catch (ServerClient.AnswerLost e) {
                // the server may hold them: "imported K before the error" sent a re-run to import them again
                throw new CommandFailure(e.exitCode(), lines() + " (stream " + stream + "): " + e.getMessage()
                    + "; whether the server appended these lines is not known (check the stream's version before going "
                    + "on); imported " + imported + " events before them");
            } catch (CommandFailure e) {
                throw new CommandFailure(e.exitCode(), lines() + " (stream " + stream + "): " + e.getMessage()
                    + "; imported " + imported + " events before the error");
            }
            imported += events.size();
            doneLine = lastLine;
        } finally {
            sending.unlock();
        }
        events.clear();
        bytes = 0;
        progress.update(imported, bytesRead);
    }

    private String lines() {
        return firstLine == lastLine ? "line " + firstLine : "lines " + firstLine + "-" + lastLine;
    }

    /**
     * Ends the import for a signal (Ctrl-C, SIGTERM): no request is sent after this, and one in flight is waited for
     * up to {@code waitSeconds}, so that what is said is what the server holds. Any thread.
     *
     * @return how far the import got, as a sentence after "interrupted: "
     */
    String stop(long waitSeconds) throws InterruptedException {
        stopped = true;
        if (!sending.tryLock(waitSeconds, TimeUnit.SECONDS)) {
            return "a request (" + lines() + ") had no answer within " + waitSeconds + " s, so whether the server "
                + "appended it is not known; imported " + imported + " events before it";
        }
        try {
            return "imported " + imported + " events" + (doneLine > 0 ? ", through line " + doneLine + " of the input"
                : "") + "; nothing more was sent";
        } finally {
            sending.unlock();
        }
    }
}
