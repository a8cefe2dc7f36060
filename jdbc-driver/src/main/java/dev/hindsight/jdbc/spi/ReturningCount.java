package dev.hindsight.jdbc.spi;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The update count of an {@code INSERT … RETURNING} run by {@code executeUpdate}, counted with the statement's
 * {@code setMaxRows} cap lifted: every event it appended, not as many rows as a query of that cap reads (both drivers
 * counted the capped rows). The cap is put back after, on a statement still open: one a pool closed meanwhile fails
 * with its own error, not with "closed". Both drivers count through here.
 */
public final class ReturningCount {

    /** The statement's run, answering its count. */
    @FunctionalInterface
    public interface Run {
        long count() throws SQLException;
    }

    private ReturningCount() {
    }

    /** {@code run}'s count, {@code statement}'s row cap lifted while it runs. */
    public static long uncapped(Statement statement, Run run) throws SQLException {
        long max = statement.getLargeMaxRows();
        statement.setLargeMaxRows(0);
        try {
            return run.count();
        } finally {
            if (!statement.isClosed()) {
                statement.setLargeMaxRows(max);
            }
        }
    }
}
