package dev.hindsight.log;

import java.nio.file.Path;

/** Child process of {@link DirectoryLockTest}: tries once to open a log and prints what happened. */
public final class LockProbe {

    public static void main(String[] args) {
        try (EventLog log = EventLog.open(LogConfig.at(Path.of(args[0])))) {
            System.out.println("opened at seq " + log.headSeq());
        } catch (DataDirectoryLockedException e) {
            System.out.println("refused, holder " + e.holderPid());
        }
    }
}
