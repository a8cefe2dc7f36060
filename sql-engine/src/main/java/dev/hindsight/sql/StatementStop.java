package dev.hindsight.sql;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * When a running statement must stop: its cancel flag ({@code Statement.cancel()}) is up, or its query timeout
 * ({@code Statement.setQueryTimeout}) has passed since it started. Calcite hands a statement both, as the data
 * context's {@code CANCEL_FLAG} and {@code TIMEOUT} (milliseconds from its {@code UTC_TIMESTAMP}), and leaves the
 * checking to the tables; a scan checks between batches. Thread-safe: read-ahead workers check it too.
 */
final class StatementStop {

    private static final StatementStop NEVER = new StatementStop(null, Long.MAX_VALUE);

    private final @Nullable AtomicBoolean cancel;
    /** Epoch milliseconds after which the statement has run out of time; {@code Long.MAX_VALUE}: no timeout. */
    private final long deadline;

    private StatementStop(@Nullable AtomicBoolean cancel, long deadline) {
        this.cancel = cancel;
        this.deadline = deadline;
    }

    /** The stop of the statement {@code root} belongs to. */
    static StatementStop of(@Nullable DataContext root) {
        if (root == null) {
            return NEVER;
        }
        AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
        Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
        Object started = root.get(DataContext.Variable.UTC_TIMESTAMP.camelName);
        long deadline = timeout instanceof Long millis && millis > 0
            ? (started instanceof Long start ? start : System.currentTimeMillis()) + millis : Long.MAX_VALUE;
        return new StatementStop(cancel, deadline);
    }

    /** Throws {@link QueryCanceledException} (SQLState 57014) if the statement was canceled or ran out of time. */
    void check() {
        if ((cancel != null && cancel.get()) || (deadline != Long.MAX_VALUE && System.currentTimeMillis() > deadline)) {
            throw new QueryCanceledException();
        }
    }
}
