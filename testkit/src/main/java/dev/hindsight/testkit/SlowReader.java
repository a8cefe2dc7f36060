package dev.hindsight.testkit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A JDBC client slower than a statement's time limit: it reads a query's first row, lets {@code millis} pass, then
 * reads the rest. The time is a scenario, not a synchronisation: it is counted from the first row, which comes after
 * the statement started, so however long planning took, the statement has run longer than {@code millis} by the time
 * the rest is read (a scan notices a limit at its next batch).
 */
public final class SlowReader {

    private SlowReader() {
    }

    /**
     * The number of rows of {@code query} run on {@code statement}, read as above.
     *
     * @throws SQLException what stopped the statement (57014 when it ran out of time)
     */
    public static int rows(Statement statement, String query, long millis) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            if (!rs.next()) {
                throw new IllegalStateException("no first row: the query must return rows: " + query);
            }
            long started = System.currentTimeMillis();
            while (System.currentTimeMillis() - started <= millis) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            int rows = 1;
            while (rs.next()) {
                rows++;
            }
            return rows;
        }
    }
}
