package dev.hindsight.jdbc.spi;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * A refused batch as both drivers report it. A batch is one atomic append, so when it is refused none of its
 * statements ran: its update counts say so, one {@link Statement#EXECUTE_FAILED} for each statement added (as
 * PostgreSQL's driver reports an auto-commit batch it rolled back), and the refusal itself is the exception's next
 * one as well as its cause, where tools that report a batch's failure look for it ({@code getNextException}). Empty
 * counts said "the statements before the first failure ran, none failed", which frameworks read as partly applied.
 */
public final class RefusedBatch {

    private RefusedBatch() {
    }

    /** A batch of {@code statements} statements, refused with {@code refusal}, whose origin is {@code cause}. */
    public static BatchUpdateException of(SQLException refusal, int statements, Throwable cause) {
        long[] counts = new long[statements];
        Arrays.fill(counts, Statement.EXECUTE_FAILED);
        BatchUpdateException e = new BatchUpdateException(refusal.getMessage(), refusal.getSQLState(),
            refusal.getErrorCode(), counts, cause);
        e.setNextException(refusal);
        return e;
    }
}
