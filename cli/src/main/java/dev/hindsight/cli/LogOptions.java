package dev.hindsight.cli;

import dev.hindsight.log.Durability;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say which log a command works on, shared by the commands as a picocli mixin. SPEC §6:
 * {@code --data-dir DIR} opens the log directly (one process at a time), {@code --url URL} talks to a running server
 * ({@link ServerClient}); with neither, {@link #DEFAULT_URL}. Both at once are refused.
 */
final class LogOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "The data directory of the log, opened directly (one process at a time).")
    Path dataDir;

    @Option(names = "--durability", paramLabel = "LEVEL",
        description = {"With --data-dir: process (default): an acknowledged append survives a crash of the process;",
            "fsync: also a crash of the machine (each append waits for its flush to disk)."})
    String durability;

    @Option(names = "--url", paramLabel = "URL",
        description = {"A running server (default " + DEFAULT_URL + " when --data-dir is not given);",
            "an API key, if the server wants one, is read from $" + ServerClient.KEY_VARIABLE + "."})
    String url;

    /** Where commands go when given neither {@code --data-dir} nor {@code --url}: {@code ./hindsight serve}. */
    static final String DEFAULT_URL = "http://localhost:7070";

    /** Whether the command talks to a server rather than opening a log; refuses both options at once. */
    boolean remote() {
        if (dataDir != null && url != null) {
            throw CommandFailure.usage("give --data-dir DIR (open the log directly) or --url URL (a running server), "
                + "not both");
        }
        if (dataDir == null && durability != null) {
            throw CommandFailure.usage("--durability applies to --data-dir; a server's is set by `serve "
                + "--durability`");
        }
        return dataDir == null;
    }

    /** The server to talk to ({@code --url}, or {@link #DEFAULT_URL}), with the key of the environment. */
    ServerClient server() {
        return ServerClient.of(url != null ? url : DEFAULT_URL, System.getenv(ServerClient.KEY_VARIABLE));
    }

    /** The data directory, after refusing a missing or empty {@code --data-dir}. */
    Path dataDir() {
        if (dataDir == null) {
            throw CommandFailure.usage("--data-dir DIR is required");
        }
        return named(dataDir);
    }

    /**
     * {@code dir}, refused (exit 2) if it is empty: {@code --data-dir ""} (a variable left unset) would open, or
     * create, a log in the current directory; {@code .} names that one.
     */
    static Path named(Path dir) {
        if (dir.toString().isEmpty()) {
            throw CommandFailure.usage("--data-dir is empty: name a directory (. for the current one)");
        }
        return dir;
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
            return durability == null ? Durability.PROCESS : Durability.named(durability);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--durability " + e.getMessage());
        }
    }

    /**
     * Reading commands ({@code export}, {@code verify}) refuse a directory that holds no log (exit 2), missing or not,
     * touching nothing, rather than create an empty log there (with its lock file) for a mistyped path.
     */
    static void requireExistingLog(Path dir) {
        named(dir);
        if (!Files.isDirectory(dir)) {
            throw CommandFailure.usage("--data-dir " + dir + " is not a directory: there is no log there");
        }
        if (!EventLog.existsIn(dir)) {
            throw CommandFailure.usage("--data-dir " + dir + " holds no log: nothing to read (serve, append and import "
                + "create one)");
        }
    }
}
