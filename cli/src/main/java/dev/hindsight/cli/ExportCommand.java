package dev.hindsight.cli;

import dev.hindsight.http.json.EventJsonFormat;
import dev.hindsight.http.json.JsonLinesWriter;
import dev.hindsight.log.EventLog;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hindsight export [--from-seq N] [--data-dir DIR | --url URL]}: writes every event from seq {@code N}
 * (default 1) up to the head at the start, one JSON line each in the {@link EventJsonFormat} shape, to stdout;
 * {@code import} reads the same lines back. Progress on stderr: {@code exported N events, X events/s, P%} (P = share
 * of the seqs). Stops with exit 1 if stdout goes away (e.g. a closed pipe).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Writes the events of the log to stdout, one JSON object per line.")
final class ExportCommand implements Callable<Integer> {

    private static final int BUFFER_BYTES = 1 << 16;
    /** Events per {@code GET /v1/events} when exporting from a server. */
    private static final int PAGE = 1000;

    private final CliStreams io;

    @Option(names = "--from-seq", paramLabel = "N", defaultValue = "1",
        description = "The first seq to export (default 1).")
    long fromSeq;

    @Mixin
    LogOptions logOptions;

    ExportCommand(CliStreams io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (fromSeq < 1) {
            throw CommandFailure.usage("--from-seq must be >= 1, was " + fromSeq);
        }
        if (logOptions.remote()) {
            return exportFrom(logOptions.server());
        }
        try (EventLog log = logOptions.open(io.err(), false)) {
            long head = log.headSeq();
            long total = Math.max(head - fromSeq + 1, 0);
            Progress progress = io.progress("exported", total);
            long[] count = {0};
            BufferedOutputStream buffered = new BufferedOutputStream(new CheckedOutputStream(io.out()), BUFFER_BYTES);
            try (JsonLinesWriter writer = EventJsonFormat.jsonLines(buffered)) {
                log.scan(fromSeq, head, e -> {
                    try {
                        writer.write(e);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                    count[0]++;
                    progress.update(count[0], e.seq() - fromSeq + 1);
                });
                writer.flush();
                buffered.flush();
            } catch (UncheckedIOException | IOException e) {
                IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                throw new CommandFailure(ExitCode.FAILED, "export stopped after " + count[0] + " events: "
                    + cause.getMessage());
            } finally {
                progress.finish(count[0], count[0]);
            }
        }
        return ExitCode.OK;
    }

    /**
     * From a server: pages of {@code GET /v1/events} until one comes back empty, so the export ends at the head it
     * reaches (a log appended to faster than it is read would not end; the local export stops at the head it
     * started with).
     */
    private int exportFrom(ServerClient server) {
        Progress progress = io.progress("exported", -1);
        long[] next = {fromSeq};
        long[] count = {0}; // events written to the output, each a whole line
        boolean done = false;
        BufferedOutputStream buffered = new BufferedOutputStream(new CheckedOutputStream(io.out()), BUFFER_BYTES);
        try {
            int page;
            do {
                page = server.events(next[0], PAGE, (bytes, offset, length, seq) -> {
                    buffered.write(bytes, offset, length);
                    buffered.write('\n');
                    next[0] = seq + 1;
                    count[0]++;
                });
                progress.update(count[0], count[0]);
            } while (page > 0);
            buffered.flush();
            done = true;
        } catch (UncheckedIOException | IOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new CommandFailure(ExitCode.FAILED, "export stopped after " + count[0] + " events: "
                + cause.getMessage());
        } catch (CommandFailure e) {
            // the server went, or refused a page: the events received are written out, whole lines, and counted,
            // so that --from-seq can go on after the last one (they were left in the buffer, and the count was the
            // pages')
            try {
                buffered.flush();
            } catch (IOException flushFailed) {
                throw new CommandFailure(ExitCode.FAILED, "export stopped: " + e.getMessage() + "; and writing the "
                    + "events received failed: " + flushFailed.getMessage());
            }
            if (count[0] == 0) {
                throw e; // nothing came at all (no server there, a refused key): the error alone says it
            }
            throw new CommandFailure(e.exitCode(), "export stopped after " + count[0] + " events (through seq "
                + (next[0] - 1) + "): " + e.getMessage());
        } finally {
            if (done || count[0] > 0) {
                // not when nothing came at all (no server there, a refused key): the error alone says it
                progress.finish(count[0], count[0]);
            }
        }
        return ExitCode.OK;
    }
}
