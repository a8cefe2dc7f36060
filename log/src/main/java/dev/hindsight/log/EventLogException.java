package dev.hindsight.log;

/**
 * Base of every error the log raises on purpose. Each subclass names one condition and carries the values that
 * caused it; messages say what to change. Nothing is written when one is thrown from an append.
 */
public abstract class EventLogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected EventLogException(String message) {
        super(message);
    }

    protected EventLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
