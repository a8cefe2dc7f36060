package dev.hindsight.cli;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.RecoveryReport;
import java.io.PrintStream;

/** Opens a log for a command and tells the user, on stderr, when opening cut back a torn tail. */
final class LogOpener {

    private LogOpener() {
    }

    static EventLog open(LogConfig config, PrintStream err) {
        EventLog log;
        try {
            log = EventLog.open(config);
        } catch (InternalError e) {
            throw unreadable(config, e);
        }
        reportRepair(log.recovery(), err);
        return log;
    }

    /**
     * The failure of a command whose read of the log's files faulted: Chronicle reads them through memory maps, and
     * a file cut shorter than its own records say faults (SIGBUS), which the JVM raises as an {@link InternalError}
     * that escaped the command as a stack trace.
     */
    static CommandFailure unreadable(LogConfig config, InternalError e) {
        if (!String.valueOf(e.getMessage()).contains("unsafe memory access")) {
            throw e; // another fault of the JVM: not this one's to word
        }
        return new CommandFailure(ExitCode.FAILED, "the log in " + config.dataDir() + " cannot be read: a queue file "
            + "is shorter than its own records say (cut short, or damaged): " + e.getMessage());
    }

    /**
     * Prints {@code warning: cut back a torn tail ...} on {@code err} if opening the log cut one back; for a log
     * opened elsewhere too (the server's, through its embedded JDBC driver).
     */
    static void reportRepair(RecoveryReport recovery, PrintStream err) {
        if (recovery.repaired()) {
            err.println("warning: cut back a torn tail left by a crash (" + recovery.tornRecords()
                + " unacknowledged record(s)): " + recovery.tornDetail());
            err.flush();
        }
    }
}
