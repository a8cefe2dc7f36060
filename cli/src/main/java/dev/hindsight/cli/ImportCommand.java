package dev.hindsight.cli;

import dev.hindsight.http.json.ImportLineParser;
import dev.hindsight.log.EventLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code hindsight import FILE.jsonl [--data-dir DIR | --url URL]} ({@code -} for stdin): appends one event per line,
 * in the line format {@code export} writes (SPEC §6), with source {@code import} (through a server: {@code http},
 * see {@link RemoteImporter}). See {@link Importer} for guards, batching and
 * failures, {@link ImportLineParser} for the fields. Progress on stderr: {@code imported N events, X events/s, P%}
 * (P = bytes read / file size; none for stdin).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Appends the events of a JSON-lines file (as export writes it), one per line.",
        "A line's version, when present, must follow the stream's current version."})
final class ImportCommand implements Callable<Integer> {

    /** How long a signal waits for the group being appended and the log's close, or a server's answer. */
    private static final int STOP_WAIT_SECONDS = 10;

    private final CliStreams io;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import, or - for stdin.")
    String file;

    @Mixin
    LogOptions logOptions;

    ImportCommand(CliStreams io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        boolean remote = logOptions.remote();
        if (!remote) {
            logOptions.dataDir();
        }
        boolean stdin = "-".equals(file);
        long size = stdin ? -1 : size(Path.of(file));
        if (remote) {
            return importTo(logOptions.server(), stdin, size);
        }
        AtomicReference<Importer> running = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        SignalHook stopper = SignalHook.during("hindsight-import-stop", () -> stopOnSignal(running.get(), closed));
        try {
            try (InputStream in = stdin ? io.in() : open(Path.of(file));
                 EventLog log = logOptions.open(io.err(), true)) {
                running.set(new Importer(log));
                return importLines(in, stdin, size, running.get());
            }
        } finally {
            closed.countDown();
            stopper.remove(); // if it runs already, it reports
        }
    }

    /**
     * On Ctrl-C or SIGTERM, as {@code serve} does: the import stops after the group being appended and the log is
     * closed, waited for here (the JVM ends when this returns), then said with the count, so a run can go on from
     * there; it left an append cut short, which the next open cut back and {@code verify} called damage.
     */
    private void stopOnSignal(Importer importer, CountDownLatch closed) {
        if (importer == null) {
            return; // the log is not open (yet): nothing to cut short
        }
        importer.stop();
        try {
            if (!closed.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                io.err().println("error: interrupted: the import did not stop within " + STOP_WAIT_SECONDS + " s");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        io.err().println("interrupted: imported " + importer.imported() + " events, and closed the log");
        io.err().flush();
    }

    /**
     * Through a server. On Ctrl-C or SIGTERM no request is sent after the one in flight, whose answer is waited for,
     * and how far the import got is said with the last line the server acknowledged, so a run can go on from the
     * next; without, the last progress line lagged what the server held, and a run resumed from it appended events
     * twice.
     */
    private int importTo(ServerClient server, boolean stdin, long size) throws IOException {
        RemoteImporter importer = new RemoteImporter(server);
        SignalHook stopper = SignalHook.during("hindsight-import-stop", () -> {
            try {
                io.err().println("interrupted: " + importer.stop(STOP_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            io.err().flush();
        });
        try (InputStream in = stdin ? io.in() : open(Path.of(file))) {
            return importLines(in, stdin, size, importer);
        } finally {
            stopper.remove();
        }
    }

    /** Runs {@code into} over the lines of {@code in} with progress, and a failure to read named by its line. */
    private int importLines(InputStream in, boolean stdin, long size, LineImport into) {
        LineReader lines = new LineReader(in);
        Progress progress = io.progress("imported", size);
        try {
            into.run(lines, progress);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "reading " + (stdin ? "stdin" : file) + " failed after line "
                + lines.lineNumber() + ": " + e.getMessage() + "; imported " + into.imported()
                + " events before the error");
        } finally {
            progress.finish(into.imported(), into.bytesDone(lines));
        }
        return ExitCode.OK;
    }

    /** The file's size for the percentage, or -1 for a pipe ({@code <(zcat backup.jsonl.gz)}, a FIFO): none. */
    private static long size(Path path) {
        if (!Files.exists(path) || Files.isDirectory(path)) {
            throw CommandFailure.usage("cannot import " + path + ": " + (Files.exists(path) ? "a directory"
                : "no such file"));
        }
        if (!Files.isRegularFile(path)) {
            return -1; // read as stdin is, to its end
        }
        try {
            return Files.size(path);
        } catch (IOException e) {
            // only the percentage needs it
            return -1;
        }
    }

    private static InputStream open(Path path) {
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw CommandFailure.usage("cannot import " + path + ": no such file");
        } catch (IOException e) {
            throw CommandFailure.usage("cannot import " + path + ": " + e.getMessage());
        }
    }
}
