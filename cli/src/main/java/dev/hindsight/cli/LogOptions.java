package dev.hindsight.cli;

import dev.hindsight.log.Durability;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say which log a command works on, shared by the commands as a picocli mixin. SPEC §6 allows
 * {@code --data-dir DIR} (open the log directly) or {@code --url URL} (a running server); until the server exists,
 * {@code --url} is refused with a message saying so, and {@code --data-dir} is required.
 */
final class LogOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "The data directory of the log, opened directly (one process at a time).")
    Path dataDir;

    @Option(names = "--durability", paramLabel = "LEVEL", defaultValue = "process",
        description = {"process (default): an acknowledged append survives a crash of the process;",
            "fsync: also a crash of the machine (each append waits for its flush to disk)."})
    String durability;

    @Option(names = "--url", paramLabel = "URL",
        description = "A running server (not available yet: arrives with the server; use --data-dir).")
    String url;

    /** The data directory, after refusing {@code --url} and a missing {@code --data-dir}. */
    Path dataDir() {
        if (url != null) {
            throw CommandFailure.usage("--url needs the server, which arrives with the server issue; "
                + "use --data-dir DIR to open the log directly");
        }
        if (dataDir == null) {
            throw CommandFailure.usage("--data-dir DIR is required (--url arrives with the server)");
        }
        return dataDir;
    }

    /**
     * Opens the log in {@link #dataDir()} (created if missing when {@code create}) and reports a repaired torn
     * tail on {@code err}.
     */
    EventLog open(PrintStream err, boolean create) {
        Path dir = dataDir();
        if (!create) {
            requireExistingLog(dir);
        }
        return LogOpener.open(LogConfig.builder().dataDir(dir).durability(durability()).build(), err);
    }

    /** {@code --durability}, refused with the accepted values when it is neither. */
    Durability durability() {
        try {
            return Durability.named(durability);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--durability " + e.getMessage());
        }
    }

    /** Reading commands refuse a missing directory rather than create an empty log for a mistyped path. */
    static void requireExistingLog(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw CommandFailure.usage("--data-dir " + dir + " is not a directory: there is no log there");
        }
    }
}
