package dev.hindsight.sql;

/**
 * Internal: a scan saw the statement's cancel flag ({@code Statement.cancel()}) up or its time run out
 * ({@link StatementStop}) and stopped. Public
 * for {@code dev.hindsight.sql.jdbc}, which gives it its SQLState (57014).
 */
public final class QueryCanceledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** PostgreSQL's words for a statement its client canceled. */
    public static final String BY_USER = "canceling statement due to user request";

    QueryCanceledException() {
        super(BY_USER);
    }

    /** A statement stopped for the reason {@code message} gives (its timeout). */
    QueryCanceledException(String message) {
        super(message);
    }
}
