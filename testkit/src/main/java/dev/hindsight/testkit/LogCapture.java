package dev.hindsight.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records java.util.logging (behind {@code System.Logger}) publishes to a logger and the loggers below it, from
 * {@link #of} until {@link #close}: for a test that a failure is logged, and how often.
 *
 * <pre>
 * try (LogCapture logs = LogCapture.of("dev.hindsight")) {
 *     …
 *     assertThat(logs.records()).hasSize(1);
 * }
 * </pre>
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Logger logger) {
        this.logger = logger; // held: a logger nobody references may be collected with its handler
        logger.addHandler(handler);
    }

    /** Captures what is logged to {@code loggerName} and its descendants. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(Logger.getLogger(loggerName));
    }

    /** The records so far, in the order published. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
