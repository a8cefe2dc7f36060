package dev.hindsight.sql.jdbc;

import dev.hindsight.sql.QueryCanceledException;
import dev.hindsight.sql.SqlSession;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaStatement;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * When a prepared statement's batch must stop before its one append: its cancel flag ({@code Statement.cancel()}) is
 * up, or it has run longer than its query timeout ({@code setQueryTimeout}) or the session's
 * {@code statement_timeout}, whichever is shorter (the thin driver's query timeout is the session's
 * {@code query_timeout}). A batch of many rows ran to its end whatever either said (300,000 rows took seconds); a query
 * checks between batches of its scan, a batch every {@link #EVERY} + 1 rows and before it appends. Stopped, it is
 * 57014 and nothing is written.
 */
final class BatchStop {

    /** A mask: rows are checked when {@code (row & EVERY) == 0}, every 1,024. */
    static final int EVERY = 1023;

    private final AtomicBoolean cancel;
    private final long deadline;
    private final long timeout;

    private BatchStop(AtomicBoolean cancel, long deadline, long timeout) {
        this.cancel = cancel;
        this.deadline = deadline;
        this.timeout = timeout;
    }

    /** The stop of a batch of {@code statement} (null: no query timeout of its own) in {@code session}, from now. */
    static BatchStop of(AtomicBoolean cancel, SqlSession session, @Nullable AvaticaStatement statement) {
        long timeout = session.statementTimeout();
        long own = 0;
        try {
            own = statement == null ? 0 : statement.getQueryTimeout() * 1000L;
        } catch (SQLException closed) {
            // a closed statement runs nothing: its batch fails on its own
        }
        if (own > 0 && (timeout == 0 || own < timeout)) {
            timeout = own;
        }
        return new BatchStop(cancel, timeout > 0 ? System.currentTimeMillis() + timeout : Long.MAX_VALUE, timeout);
    }

    /** Throws 57014 if the batch was canceled or ran out of time. */
    void check() {
        if (cancel.get()) {
            throw SqlErrors.of(SqlErrors.QUERY_CANCELED, QueryCanceledException.BY_USER
                + " (nothing of the batch was written)");
        }
        if (deadline != Long.MAX_VALUE && System.currentTimeMillis() > deadline) {
            throw SqlErrors.of(SqlErrors.QUERY_CANCELED, "canceling statement due to statement timeout (" + timeout
                + " ms): nothing of the batch was written; send it in smaller batches, or raise the timeout");
        }
    }
}
