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
        RecoveryReport recovery = log.recovery();
        if (recovery.repaired()) {
            err.println("warning: cut back a torn tail left by a crash (" + recovery.tornRecords()
                + " unacknowledged record(s)): " + recovery.tornDetail());
            err.flush();
        }
        return log;
    }
}
