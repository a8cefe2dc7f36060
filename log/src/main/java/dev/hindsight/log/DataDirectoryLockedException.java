package dev.hindsight.log;

import java.nio.file.Path;

/** Another process (or another open log in this process) holds the data directory; nothing was touched. */
public final class DataDirectoryLockedException extends EventLogException {

    private static final long serialVersionUID = 1L;

    private final long holderPid;

    private DataDirectoryLockedException(Path dir, long holderPid) {
        super("data directory " + dir + " is in use by " + (holderPid > 0 ? "process pid " + holderPid
            : "another process (its pid is not recorded: one reading the log, such as verify, records none)")
            + (holderPid == ProcessHandle.current().pid() ? " (this process)" : "")
            + "; stop it or use another --data-dir");
        this.holderPid = holderPid;
    }

    static DataDirectoryLockedException of(Path dir, long holderPid) {
        return new DataDirectoryLockedException(dir, holderPid);
    }

    /** The pid of the holder, or {@code -1} if it could not be read. */
    public long holderPid() {
        return holderPid;
    }
}
