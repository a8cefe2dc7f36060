package dev.hindsight.cli;

import dev.hindsight.http.json.ImportLine;
import dev.hindsight.http.json.ImportLineParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code import --url}: the lines of an import file appended through a server's {@code POST /v1/streams/{id}/events},
 * with the guards of the local {@link Importer}: a line with a {@code version} is appended only if the stream is at
 * {@code version - 1}.
 *
 * <p>Consecutive lines of one stream go in one atomic request (at most {@link #MAX_EVENTS}), guarded by the first
 * line's version when it has one; a line whose version does not follow the one before it starts a new request, so
 * its own guard is checked. A refused request stops the import with the lines it held named: nothing of that
 * request was written, everything before it was. Not thread-safe.
 */
final class RemoteImporter implements LineImport {

    /** Events per request: large enough to amortise a round trip, far below the server's body limit for most. */
    static final int MAX_EVENTS = 500;

    private final ServerClient server;
    private final ImportLineParser parser = new ImportLineParser();
    private final List<byte[]> events = new ArrayList<>();
    private String stream;
    private long lastVersion;
    private long firstLine;
    private long lastLine;
    private long imported;

    RemoteImporter(ServerClient server) {
        this.server = server;
    }

    @Override
    public void run(LineReader lines, Progress progress) throws IOException {
        while (lines.next()) {
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
            events.add(RemoteEvents.event(line.entityType(), line.event(), guard));
            lastVersion = line.hasVersion() ? line.version() : 0;
            lastLine = lines.lineNumber();
        }
        send(progress, lines.bytesRead());
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
        try {
            server.append(stream, events);
        } catch (CommandFailure e) {
            String lines = firstLine == lastLine ? "line " + firstLine : "lines " + firstLine + "-" + lastLine;
            throw new CommandFailure(e.exitCode(), lines + " (stream " + stream + "): " + e.getMessage()
                + "; imported " + imported + " events before the error");
        }
        imported += events.size();
        events.clear();
        progress.update(imported, bytesRead);
    }
}
