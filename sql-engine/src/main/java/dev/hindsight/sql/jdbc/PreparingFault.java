package dev.hindsight.sql.jdbc;

/**
 * An internal error (XX000) met while preparing a statement, carried to whoever gives the statement up, which logs it
 * ({@link SqlErrors#reported}). Not logged where it happens, because a preparation may be given up quietly: the plan
 * cache's shape of an ad-hoc statement that does not prepare is replaced by the statement's own text. Not
 * Avatica's client exception either, because Calcite's {@code prepareStatement} turns that into an
 * {@code SQLException} of its state and message only: the fault, and with it the one record of where it was, was
 * gone before any of Hindsight's code could log it. Calcite keeps this one as the cause of the {@code SQLException}
 * it makes ({@link SqlErrors#reportedWhilePreparing}).
 */
final class PreparingFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@code client}: the XX000 the client is to get, with the fault as its cause. */
    PreparingFault(RuntimeException client) {
        super("an internal error while preparing the statement (SQLState XX000)", client, false, false);
    }

    /** The XX000 the client is to get: Avatica's client exception, the fault as its cause. */
    RuntimeException client() {
        return (RuntimeException) getCause();
    }
}
