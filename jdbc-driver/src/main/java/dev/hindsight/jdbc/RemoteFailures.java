package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.RefusedBatch;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.NoSuchStatementException;

/**
 * The SQL face of a failure of Avatica's client: the server's SQLState, vendor code and message only, as the embedded
 * driver words them (docs/jdbc.md: errors carry the message only). Avatica lets some through unchecked, and words the
 * others {@code Error 0 (40001) : Error while executing SQL "<the statement>": Remote driver error: <what is wrong>},
 * or, for a failed prepare, {@code while preparing SQL: <the statement>} without what is wrong. A failure of the link
 * is 08006, and a call on a closed connection or statement 08003.
 */
final class RemoteFailures {

    /** 08006: the server could not be reached, or answered outside the protocol. */
    static final String CONNECTION_FAILURE = "08006";
    /** 08003: the connection (or statement) is closed. */
    static final String CONNECTION_DOES_NOT_EXIST = "08003";
    /** 57P01: the server is shutting down ({@link RefusedRequestException}, its 503). */
    static final String ADMIN_SHUTDOWN = "57P01";
    /** 26000: a statement the server no longer holds. */
    static final String INVALID_SQL_STATEMENT_NAME = "26000";
    /** How Avatica's client words the server's message ({@code ErrorResponse.toException}). */
    private static final String REMOTE_PREFIX = "Remote driver error: ";
    /** How Avatica's statement words a failure of {@code execute…(sql)}, before the statement's text. */
    private static final String EXECUTING_PREFIX = "Error while executing SQL \"";

    private RemoteFailures() {
    }

    /** A close that may fail with an {@link SQLException}. */
    interface Close {
        void close() throws SQLException;
    }

    /**
     * Avatica's {@code close_}, by a statement's {@code close} and by the close of a result set with {@code
     * closeOnCompletion} alike: quiet if the link to the server is gone or the server is shutting down, nothing left
     * to tell it.
     */
    static void closeQuietlyIfLinkLost(Runnable avaticasClose) {
        try {
            avaticasClose.run();
        } catch (BrokenLinkException e) {
            // closed on this side
        } catch (RefusedRequestException e) {
            if (!ADMIN_SHUTDOWN.equals(e.getSqlState())) {
                throw e;
            }
            // closed on this side: the server drops every statement as it stops
        }
    }

    /**
     * For a {@code close()}: rethrows {@code e} unless it is the link to the server that failed ({@code 08006}) or the
     * server is shutting down ({@code 57P01}). Then there is nothing left to tell the server (its connections and
     * statements expire on their own there, or go with it), and the close is done on this side, quietly, as
     * PostgreSQL's driver closes over a broken link. A close that failed for a shutdown made a
     * {@code try (PreparedStatement ps = …) { ps.executeUpdate(); }} throw after its INSERT was appended, and a
     * caller retrying it appended it twice.
     */
    static void rethrowUnlessLinkLost(SQLException e) throws SQLException {
        if (!CONNECTION_FAILURE.equals(e.getSQLState()) && !ADMIN_SHUTDOWN.equals(e.getSQLState())) {
            throw e;
        }
    }

    /** 57014 in PostgreSQL's words: the statement was canceled ({@code Statement.cancel()}) while it ran. */
    static SQLException canceled(SQLException cause) {
        return new SQLException("canceling statement due to user request", "57014", cause);
    }

    /** 08003: {@code what} (the connection, the statement) is closed. */
    static SQLException closed(String what) {
        return new SQLException(what + " is closed", CONNECTION_DOES_NOT_EXIST);
    }

    /** {@code e}, a failure Avatica let through unchecked, as an {@link SQLException} with the server's message. */
    static SQLException of(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AvaticaClientRuntimeException a) {
                return new SQLException(message(a.getMessage(), a.getServerExceptions()), a.getSqlState(),
                    a.getErrorCode(), e);
            }
            if (t instanceof SQLException s) {
                return tidy(s);
            }
        }
        return new SQLException("the connection to the Hindsight server failed: " + e.getMessage(), CONNECTION_FAILURE,
            e);
    }

    /**
     * {@code e} saying what is wrong once, with its SQLState and vendor code: the server's message (which it also
     * sends as its one "server exception", never a stack trace), or, for a failure of this side, Avatica's message
     * without its wording. Anything but Avatica's exception is returned as it is.
     */
    static SQLException tidy(SQLException e) {
        if (!(e instanceof AvaticaSqlException a)) {
            boolean missing = e.getSQLState() == null && e.getCause() instanceof NoSuchStatementException;
            return missing ? missingStatement(e) : e;
        }
        SQLException tidy = new SQLException(message(a.getErrorMessage(), a.getStackTraces()), a.getSQLState(),
            a.getErrorCode(), a.getCause());
        tidy.setStackTrace(a.getStackTrace());
        return tidy;
    }

    /**
     * 26000 (PostgreSQL's "prepared statement does not exist") for a run of a prepared statement the server no longer
     * holds: Avatica's client raised it with neither SQLState nor message.
     */
    static SQLException missingStatement(Exception cause) {
        return missingStatement(cause, "prepared statement", "prepare it again");
    }

    /** As {@link #missingStatement(Exception)}, for a batch, of a prepared statement or not: nothing of it ran. */
    static SQLException missingBatchStatement(boolean prepared) {
        return missingStatement(null, prepared ? "prepared statement" : "statement", "nothing of the batch ran; "
            + (prepared ? "prepare it again" : "create another statement"));
    }

    private static SQLException missingStatement(Exception cause, String what, String then) {
        return new SQLException("the server no longer holds this " + what + " (it sat unused longer than the "
            + "server's limit, too many statements were open, or the server restarted): " + then,
            INVALID_SQL_STATEMENT_NAME, cause);
    }

    /**
     * A failed batch of {@code statements} statements, {@code atomic} or run one by one: {@code e} tidied
     * ({@link #tidy}), as the {@link BatchUpdateException} JDBC asks for (as embedded: {@link RefusedBatch}).
     */
    static BatchUpdateException batch(SQLException e, int statements, boolean atomic) {
        if (e instanceof BatchUpdateException b) {
            return b;
        }
        return RefusedBatch.of(tidy(e), statements, atomic, e);
    }

    private static String message(String avaticas, List<String> serverExceptions) {
        if (!serverExceptions.isEmpty()) {
            return serverExceptions.get(0);
        }
        String message = String.valueOf(avaticas);
        if (message.startsWith(EXECUTING_PREFIX)) {
            // the statement's text ends at the last quote before the message (the message may quote, never '": ')
            int end = message.lastIndexOf("\": ");
            message = end < 0 ? message : message.substring(end + 3);
        }
        return message.startsWith(REMOTE_PREFIX) ? message.substring(REMOTE_PREFIX.length()) : message;
    }
}
