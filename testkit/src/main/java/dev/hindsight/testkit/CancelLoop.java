package dev.hindsight.testkit;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cancels a statement that another thread runs until the run ends. One cancel may come before the run has begun, and a
 * run's start drops a cancel that came while nothing ran (as PostgreSQL drops one for an idle session), so the cancel
 * is sent again every 50 ms: the run's end is the synchronisation, not the time.
 */
public final class CancelLoop {

    private CancelLoop() {
    }

    /**
     * Cancels {@code statement} until {@code run}, which runs it on another thread, ends: at most a minute.
     *
     * @return the failure that ended the run
     * @throws AssertionError if the run ended without a failure, or not within a minute (also when a
     *                        {@code cancel()} blocked until then)
     */
    public static SQLException until(Statement statement, Future<?> run) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            statement.cancel();
            try {
                run.get(50, TimeUnit.MILLISECONDS);
                throw new AssertionError("the run ended without a failure");
            } catch (TimeoutException stillRunning) {
                // cancel again
            } catch (ExecutionException ended) {
                if (System.nanoTime() > deadline) {
                    break; // a cancel() that blocked until the run ended on its own
                }
                if (ended.getCause() instanceof SQLException failure) {
                    return failure;
                }
                throw new AssertionError("the run failed, but not with an SQLException", ended.getCause());
            }
        }
        throw new AssertionError("a minute of cancels did not end the run");
    }
}
