package dev.hindsight.jdbc;

import java.io.IOException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;

/**
 * The link to the server failed under a call of an open connection ({@link RemoteHttpClient}): it could not be opened
 * again (the server is gone: connection refused), or broke while a message was sent or its answer read (reset,
 * closed). Carries SQLState {@code 08006} (connection failure) in the form Avatica's client hands on to the caller's
 * {@link java.sql.SQLException}: it wraps any other unchecked failure of its transport in one without a SQLState.
 * While connecting, {@link RemoteDriver} answers it with {@code 08001} instead. The message names the server's address
 * and what failed, never a stack trace; the {@link IOException} is the cause.
 */
final class BrokenLinkException extends AvaticaClientRuntimeException {

    private static final long serialVersionUID = 1L;

    private BrokenLinkException(String message, IOException cause) {
        super(message, ErrorResponse.UNKNOWN_ERROR_CODE, RemoteFailures.CONNECTION_FAILURE, AvaticaSeverity.ERROR,
            List.of(), null);
        initCause(cause);
    }

    /** The link could not be opened: nothing was sent. */
    static BrokenLinkException unreachable(String host, int port, IOException cause) {
        return new BrokenLinkException("cannot reach the Hindsight server at " + host + ":" + port + ": "
            + what(cause), cause);
    }

    /** The link broke once a message was being sent: it may have run on the server. */
    static BrokenLinkException broken(String host, int port, IOException cause) {
        return new BrokenLinkException("the link to the Hindsight server at " + host + ":" + port + " failed: "
            + what(cause), cause);
    }

    private static String what(IOException cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
