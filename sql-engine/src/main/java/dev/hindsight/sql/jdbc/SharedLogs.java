package dev.hindsight.sql.jdbc;

import dev.hindsight.log.Durability;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.FileFailure;
import dev.hindsight.log.LogConfig;
import dev.hindsight.sql.ProjectionCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The logs open in this JVM, one per data directory, shared by every connection to it and closed when the last one
 * closes: connections to one directory see each other's writes at once, and the directory lock is taken once.
 * Directories are keyed by their real path, so a symlink or a relative name of an open directory finds the same log.
 * Thread-safe.
 */
final class SharedLogs {

    /** By real path for a directory, by {@code mem:NAME} for a named in-memory log. */
    private final Map<Object, Entry> open = new HashMap<>();

    private static final class Entry {
        final EventLog log;
        final ProjectionCatalog catalog;
        int references;

        Entry(EventLog log) {
            this.log = log;
            this.catalog = new ProjectionCatalog(log);
        }
    }

    /**
     * The log in {@code dir} (created if missing), opened with {@code durability} if no connection holds it yet;
     * pair with {@link #release} of the returned key.
     *
     * @throws SQLException (08001) if the directory cannot be made or resolved, or the log is open already with
     *                      another durability
     */
    synchronized Acquired acquire(Path dir, Durability durability) throws SQLException {
        Path key = realPath(dir);
        return acquire(key, "in " + dir, durability, LogConfig.builder().dataDir(key).durability(durability));
    }

    /**
     * The in-memory log named {@code name} ({@code jdbc:hindsight:mem:NAME}), made empty if no connection holds it
     * yet (it is gone when the last one closes, as H2's named in-memory databases are); pair with {@link #release}.
     *
     * @throws SQLException (08001) if the log is open already with another durability
     */
    synchronized Acquired acquireMemory(String name, Durability durability) throws SQLException {
        return acquire("mem:" + name, "mem:" + name, durability, LogConfig.builder().durability(durability));
    }

    private Acquired acquire(Object key, String what, Durability durability, LogConfig.Builder config)
            throws SQLException {
        Entry e = open.get(key);
        if (e == null) {
            EventLog log = EventLog.open(config.build());
            try {
                e = new Entry(log);
            } catch (RuntimeException failed) {
                log.close();
                throw failed;
            }
            open.put(key, e);
        } else if (e.log.config().durability() != durability) {
            throw new SQLException("the log " + what + " is open in this JVM with durability "
                + e.log.config().durability().name().toLowerCase(Locale.ROOT) + ", not "
                + durability.name().toLowerCase(Locale.ROOT), "08001");
        }
        e.references++;
        return new Acquired(key, e.log, e.catalog);
    }

    synchronized void release(Object key) {
        Entry e = open.get(key);
        if (e != null && --e.references == 0) {
            open.remove(key);
            e.catalog.close(); // a last snapshot of each projection, before the log goes
            e.log.close();
        }
    }

    /** A log held by a connection, its projections, and the key to release it by. */
    record Acquired(Object key, EventLog log, ProjectionCatalog catalog) {
    }

    private static Path realPath(Path dir) throws SQLException {
        try {
            Files.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            throw new SQLException("cannot open the log: data directory " + dir + ": " + FileFailure.reason(e), "08001",
                e);
        }
    }
}
