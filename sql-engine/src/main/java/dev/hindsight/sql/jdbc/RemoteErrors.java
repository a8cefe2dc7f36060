package dev.hindsight.sql.jdbc;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;

/**
 * What a remote client is told when a request fails: the message and SQLState of the first error in the chain that
 * has one, and nothing else. Avatica's own handler understands only {@link AvaticaRuntimeException} (anything else
 * reaches the client as SQLState 00000) and sends the server's stack traces along; here no stack trace leaves the
 * server, and an internal error (XX000) is told by its state only, as over HTTP: its text, which names the server's
 * classes, goes to the server's log.
 */
final class RemoteErrors {

    /** 08003: the connection is closed or was closed for being idle. */
    static final String CONNECTION_DOES_NOT_EXIST = "08003";

    private static final System.Logger LOG = System.getLogger(RemoteErrors.class.getName());

    private RemoteErrors() {
    }

    static ErrorResponse toResponse(Exception thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof AvaticaRuntimeException a) {
                return response(a.getErrorMessage(), a.getErrorCode(), a.getSqlState(), a.getSeverity(), thrown);
            }
            if (t instanceof AvaticaClientRuntimeException a) {
                return response(a.getMessage(), a.getErrorCode(), a.getSqlState(), a.getSeverity(), thrown);
            }
            if (t instanceof NoSuchConnectionException) {
                // the client reconnects (transparent_reconnection) on this code
                // its message is null when Avatica's cache no longer holds the connection: say what happened
                return response("the server no longer holds this connection (connections idle longer than the server's"
                    + " limit are closed, and a restart closes all): open a new one",
                    ErrorResponse.MISSING_CONNECTION_ERROR_CODE, CONNECTION_DOES_NOT_EXIST, AvaticaSeverity.ERROR,
                    thrown);
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                // an XX000 without a cause is the embedded statement's: Avatica passes on the state and message of
                // the error SqlErrors.reported made, and logged with its fault, not the error itself
                return response(s.getMessage(), s.getErrorCode(), s.getSQLState(), AvaticaSeverity.ERROR,
                    s.getCause() == null ? s : thrown);
            }
        }
        SQLException e = SqlErrors.fromExecution(thrown);
        return response(e.getMessage(), 0, e.getSQLState(), AvaticaSeverity.ERROR, thrown);
    }

    private static ErrorResponse response(String message, int code, String sqlState, AvaticaSeverity severity,
                                          Throwable thrown) {
        String text = message == null ? "error without a message (SQLState " + sqlState + ")" : message;
        if (SqlErrors.INTERNAL_ERROR.equals(sqlState)) {
            // an unexpected fault: its text names the server's classes, so the client gets the state, the log the
            // rest, with where it was thrown
            if (SqlErrors.wasReported(thrown)) {
                // logged with its fault where it happened (SqlErrors.reported): one line ties the request to it
                LOG.log(Level.ERROR, "a remote JDBC request failed (its fault is logged above): " + text);
            } else {
                LOG.log(Level.ERROR, "a remote JDBC request failed: " + text, thrown);
            }
            text = "internal error: the server's log has the details";
        }
        // the one "server exception" is the message itself, never a stack trace
        return new ErrorResponse(List.of(text), text, code, sqlState, severity, null);
    }
}
