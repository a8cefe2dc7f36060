package dev.hindsight.cli;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hindsight verify --data-dir DIR}: checks a log offline. Opens it read-only, changing no file (a torn tail
 * counts as damage here: {@code verify} reports, it does not change the log), reads every event, checksums and seqs
 * checked by the log, and prints {@code ok: N events, head seq H} (exit 0). Damage prints
 * {@code error: log corrupted in <file> at <position>: <problem>} (exit 1).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Checks every record of a log offline; exit 0 if it is whole.")
final class VerifyCommand implements Callable<Integer> {

    private final CliStreams io;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The data directory of the log.")
    Path dataDir;

    VerifyCommand(CliStreams io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        LogOptions.requireExistingLog(dataDir);
        LogConfig config = LogConfig.builder().dataDir(dataDir).readOnly(true).build();
        try (EventLog log = LogOpener.open(config, io.err())) {
            verify(log);
        } catch (InternalError e) {
            throw LogOpener.unreadable(config, e);
        }
        return ExitCode.OK;
    }

    private void verify(EventLog log) {
        long head = log.headSeq();
        long[] count = {0};
        log.scan(1, head, e -> {
            // the log checks each record's checksum and seq; counting catches a record it could not hand out
            if (e.seq() != count[0] + 1) {
                throw new CommandFailure(ExitCode.FAILED, "log damaged: seq " + e.seq() + " where "
                    + (count[0] + 1) + " was expected");
            }
            count[0]++;
        });
        if (count[0] != head) {
            throw new CommandFailure(ExitCode.FAILED, "log damaged: head seq is " + head + " but only " + count[0]
                + " events could be read");
        }
        String checkpoint = log.recovery().checkpointProblem();
        if (checkpoint != null) {
            // not an error by itself (after a crash the checkpoint may be missing or stale), but a checkpoint ahead
            // of the log says records it covered are gone: the user decides, with its words
            io.err().println("warning: the index checkpoint was not used: " + checkpoint);
            io.err().flush();
        }
        io.out().println("ok: " + count[0] + " events, head seq " + head);
        io.out().flush();
    }
}
