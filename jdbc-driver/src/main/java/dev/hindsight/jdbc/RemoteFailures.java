package dev.hindsight.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;

/** The SQL face of a failure Avatica's client lets through unchecked: the server's SQLState, or 08006 (link lost). */
final class RemoteFailures {

    /** 08006: the server could not be reached, or answered outside the protocol. */
    static final String CONNECTION_FAILURE = "08006";

    private RemoteFailures() {
    }

    static SQLException of(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AvaticaClientRuntimeException a) {
                return new SQLException(a.getMessage(), a.getSqlState(), a.getErrorCode(), e);
            }
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return new SQLException("the connection to the Hindsight server failed: " + e.getMessage(), CONNECTION_FAILURE,
            e);
    }
}
