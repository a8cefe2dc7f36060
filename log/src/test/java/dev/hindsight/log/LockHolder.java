package dev.hindsight.log;

import java.nio.file.Path;

/**
 * Child process of {@link DirectoryLockTest}: opens a log (read-only if its second argument says {@code read-only}),
 * says so, and holds it until its stdin closes.
 */
public final class LockHolder {

    public static void main(String[] args) throws Exception {
        boolean reading = args.length > 1 && args[1].equals("read-only"); // as verify opens it: a shared lock
        try (EventLog log = EventLog.open(LogConfig.builder().dataDir(Path.of(args[0])).readOnly(reading).build())) {
            System.out.println("holding " + ProcessHandle.current().pid() + (log.headSeq() < 0 ? "?" : ""));
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to let go
            }
        }
    }
}
