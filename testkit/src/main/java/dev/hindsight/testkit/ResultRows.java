package dev.hindsight.testkit;

import java.sql.ResultSet;
import java.sql.SQLException;

/** What a test reads of a result set, which it closes: how many rows it has, or its first row's first number. */
public final class ResultRows {

    private ResultRows() {
    }

    /** The rows of {@code rs}, read to its end. */
    public static long count(ResultSet rs) throws SQLException {
        try (rs) {
            long n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }

    /**
     * The first column of the first row of {@code rs}, as a {@code long} ({@code SELECT count(*) …}).
     *
     * @throws IllegalStateException if there is no row
     */
    public static long number(ResultSet rs) throws SQLException {
        try (rs) {
            if (!rs.next()) {
                throw new IllegalStateException("no row");
            }
            return rs.getLong(1);
        }
    }
}
