package dev.hindsight.log;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where in-memory logs live: a temp directory each, RAM-backed ({@code /dev/shm}) when the machine has it, named
 * {@code hindsight-mem-<pid>-<random>} so that the directories of a process that died without closing its logs
 * ({@code kill -9}) are known to be dead and removed when the next in-memory log is created. Thread-safe.
 */
final class MemoryLogs {

    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());
    static final String PREFIX = "hindsight-mem-";

    private MemoryLogs() {
    }

    /** Creates the directory of a new in-memory log under {@code root} (the default when null). */
    static Path create(Path root) throws IOException {
        Path parent = root != null ? root : defaultRoot();
        removeLeftovers(parent);
        return Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-");
    }

    /**
     * The free-space floor for an in-memory log: the configured one, but at most a sixteenth of the RAM disk, so a
     * small {@code /dev/shm} (64 MiB is a container default) still takes appends; never under two check intervals,
     * what can be written between two checks.
     */
    static long floor(Path dir, long configured, long checkInterval) {
        if (configured == 0) {
            return 0;
        }
        try {
            long total = Files.getFileStore(dir).getTotalSpace();
            return Math.min(configured, Math.max(total / 16, 2 * checkInterval));
        } catch (IOException e) {
            return configured;
        }
    }

    /** RAM-backed when the machine has it, so in-memory logs cost no disk I/O. */
    private static Path defaultRoot() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Deletes the in-memory logs of processes that are gone. */
    private static void removeLeftovers(Path root) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path d : dirs) {
                long pid = pidOf(d.getFileName().toString());
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (pid > 0) {
                    LOG.log(Level.INFO, "removing the in-memory log " + d + " of process " + pid + ", which is gone");
                    delete(d);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not look for leftover in-memory logs in " + root + ": " + e.getMessage());
        }
    }

    /** The pid in {@code hindsight-mem-<pid>-<random>}, or -1 for any other name. */
    static long pidOf(String name) {
        int end = name.indexOf('-', PREFIX.length());
        if (end < 0) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(PREFIX.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Deletes an in-memory log's directory; a failure is logged, not thrown (the log is closed either way). */
    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete temporary log directory " + dir + ": " + e.getMessage());
        }
    }
}
