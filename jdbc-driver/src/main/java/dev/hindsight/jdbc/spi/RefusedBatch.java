package dev.hindsight.jdbc.spi;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * A refused batch as both drivers report it, with the refusal itself as the exception's next one as well as its
 * cause, where tools that report a batch's failure look for it ({@code getNextException}). A batch with INSERTs (and a
 * prepared statement's) is one atomic append, so when it is refused none of its statements ran: its update counts
 * say so, one {@link Statement#EXECUTE_FAILED} for each statement added (as PostgreSQL's driver reports an
 * auto-commit batch it rolled back); empty counts said "the statements before the first failure ran", which
 * frameworks read as partly applied. A batch of statements of other kinds runs them one by one, and those before the
 * one refused stay: which they were is not known here, so its counts stay empty.
 */
public final class RefusedBatch {

    private RefusedBatch() {
    }

    /**
     * A batch of {@code statements} statements, refused with {@code refusal}, whose origin is {@code cause}; atomic
     * (an append) or run one by one.
     */
    public static BatchUpdateException of(SQLException refusal, int statements, boolean atomic, Throwable cause) {
        long[] counts = new long[atomic ? statements : 0];
        Arrays.fill(counts, Statement.EXECUTE_FAILED);
        BatchUpdateException e = new BatchUpdateException(refusal.getMessage(), refusal.getSQLState(),
            refusal.getErrorCode(), counts, cause);
        e.setNextException(refusal);
        return e;
    }

    /** Whether a statement batch of {@code commands} is one atomic append: INSERTs only (else none may be one). */
    public static boolean atomic(List<String> commands) {
        return commands.stream().allMatch(SqlText::isInsert);
    }
}
