package dev.hindsight.sql;

/** A scan saw the statement's cancel flag ({@code Statement.cancel()} or a query timeout) and stopped. */
final class QueryCanceledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    QueryCanceledException() {
        super("query canceled");
    }
}
