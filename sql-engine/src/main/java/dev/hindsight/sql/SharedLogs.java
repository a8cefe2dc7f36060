package dev.hindsight.sql;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The logs open in this JVM, one per data directory, shared by every connection to it and closed when the last one
 * closes: connections to one directory see each other's writes at once, and the directory lock is taken once.
 * Thread-safe.
 */
final class SharedLogs {

    private final Map<Path, Entry> open = new HashMap<>();

    private static final class Entry {
        final EventLog log;
        int references;

        Entry(EventLog log) {
            this.log = log;
        }
    }

    /** The log in {@code dir}, opened if no connection holds it yet; pair with {@link #release}. */
    synchronized EventLog acquire(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        Entry e = open.get(key);
        if (e == null) {
            e = new Entry(EventLog.open(LogConfig.at(key)));
            open.put(key, e);
        }
        e.references++;
        return e.log;
    }

    synchronized void release(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        Entry e = open.get(key);
        if (e != null && --e.references == 0) {
            open.remove(key);
            e.log.close();
        }
    }
}
