package dev.hindsight.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;

/** The SQL face of a failure Avatica's client lets through unchecked: the server's SQLState, or 08006 (link lost). */
final class RemoteFailures {

    /** 08006: the server could not be reached, or answered outside the protocol. */
    static final String CONNECTION_FAILURE = "08006";

    private RemoteFailures() {
    }

    /** A close that may fail with an {@link SQLException}. */
    interface Close {
        void close() throws SQLException;
    }

    /**
     * Avatica's {@code close_}, by a statement's {@code close} and by the close of a result set with {@code
     * closeOnCompletion} alike: quiet if the link to the server is gone, nothing left to tell it.
     */
    static void closeQuietlyIfLinkLost(Runnable avaticasClose) {
        try {
            avaticasClose.run();
        } catch (BrokenLinkException e) {
            // closed on this side
        }
    }

    /**
     * For a {@code close()}: rethrows {@code e} unless it is the link to the server that failed ({@code 08006}).
     * Then there is nothing left to tell the server (its connections and statements expire on their own there), and
     * the close is done on this side, quietly, as PostgreSQL's driver closes over a broken link.
     */
    static void rethrowUnlessLinkLost(SQLException e) throws SQLException {
        if (!CONNECTION_FAILURE.equals(e.getSQLState())) {
            throw e;
        }
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
