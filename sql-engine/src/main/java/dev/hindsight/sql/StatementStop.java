package dev.hindsight.sql;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * When a running statement must stop: its cancel flag ({@code Statement.cancel()}) is up, or its time has passed:
 * its query timeout ({@code Statement.setQueryTimeout}) or its session's {@code statement_timeout}
 * ({@link StatementTimeout}), whichever is shorter, counted from when it started. Calcite hands a statement its cancel
 * flag and query timeout as the data context's {@code CANCEL_FLAG} and {@code TIMEOUT} (milliseconds from its
 * {@code UTC_TIMESTAMP}), and leaves the checking to the tables; a scan checks between batches. Thread-safe:
 * read-ahead workers check it too.
 */
public final class StatementStop {

    private static final StatementStop NEVER = new StatementStop(null, Long.MAX_VALUE, 0);

    private final @Nullable AtomicBoolean cancel;
    /** Epoch milliseconds after which the statement has run out of time; {@code Long.MAX_VALUE}: no timeout. */
    private final long deadline;
    /** The timeout the deadline comes from, in milliseconds, for the message. */
    private final long timeout;

    private StatementStop(@Nullable AtomicBoolean cancel, long deadline, long timeout) {
        this.cancel = cancel;
        this.deadline = deadline;
        this.timeout = timeout;
    }

    /** The stop of the statement {@code root} belongs to, in a session whose {@code statement_timeout} is given. */
    static StatementStop of(@Nullable DataContext root, long statementTimeout) {
        if (root == null) {
            return NEVER;
        }
        AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
        Object queryTimeout = root.get(DataContext.Variable.TIMEOUT.camelName);
        long timeout = queryTimeout instanceof Long millis && millis > 0
            ? StatementTimeout.shorter(statementTimeout, millis) : statementTimeout;
        Object started = root.get(DataContext.Variable.UTC_TIMESTAMP.camelName);
        long deadline = timeout > 0
            ? (started instanceof Long start ? start : System.currentTimeMillis()) + timeout : Long.MAX_VALUE;
        return new StatementStop(cancel, deadline, timeout);
    }

    /**
     * The stop of a JDBC batch about to run in {@code session}: {@code cancel} its statement's flag, its query timeout
     * {@code queryTimeoutMillis} (0: none) and the session's limit, the shorter, counted from now. Public for the
     * {@code Meta} ({@code dev.hindsight.sql.jdbc}), whose batches run no scan that would check it.
     */
    public static StatementStop ofBatch(AtomicBoolean cancel, SqlSession session, long queryTimeoutMillis) {
        long timeout = queryTimeoutMillis > 0
            ? StatementTimeout.shorter(session.statementTimeout(), queryTimeoutMillis) : session.statementTimeout();
        return new StatementStop(cancel, timeout > 0 ? System.currentTimeMillis() + timeout : Long.MAX_VALUE,
            timeout);
    }

    /** Whether anything can stop the statement: a cancel flag or a timeout. */
    boolean canStop() {
        return cancel != null || deadline != Long.MAX_VALUE;
    }

    /** Whether the statement was canceled or ran out of time: {@link #check} would throw. */
    boolean stopped() {
        return (cancel != null && cancel.get())
            || (deadline != Long.MAX_VALUE && System.currentTimeMillis() > deadline);
    }

    /** Throws {@link QueryCanceledException} (SQLState 57014) if the statement was canceled or ran out of time. */
    public void check() {
        if (cancel != null && cancel.get()) {
            throw new QueryCanceledException();
        }
        if (deadline != Long.MAX_VALUE && System.currentTimeMillis() > deadline) {
            throw new QueryCanceledException("canceling statement due to statement timeout (" + timeout + " ms): "
                + "narrow the query, or raise statement_timeout or the query timeout");
        }
    }
}
