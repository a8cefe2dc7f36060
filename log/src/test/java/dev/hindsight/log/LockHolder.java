package dev.hindsight.log;

import java.nio.file.Path;

/** Child process of {@link DirectoryLockTest}: opens a log, says so, and holds it until its stdin closes. */
public final class LockHolder {

    public static void main(String[] args) throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(Path.of(args[0])))) {
            System.out.println("holding " + ProcessHandle.current().pid() + (log.headSeq() < 0 ? "?" : ""));
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to let go
            }
        }
    }
}
