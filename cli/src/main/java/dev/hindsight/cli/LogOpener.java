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
        EventLog log = EventLog.open(config);
        reportRepair(log.recovery(), err);
        return log;
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
