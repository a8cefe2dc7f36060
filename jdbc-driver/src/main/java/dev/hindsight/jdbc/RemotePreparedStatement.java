package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.KeyColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's prepared statement with generated keys ({@link GeneratedKeys}); the columns are those asked for when it was
 * prepared ({@link RemoteConnection#prepareStatement(String, int)} and its siblings).
 */
final class RemotePreparedStatement extends AvaticaPreparedStatement {

    private final GeneratedKeys keys = new GeneratedKeys(this);

    RemotePreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
                            int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    /** Sets the key columns {@link #getGeneratedKeys} returns ({@link KeyColumns}). */
    void askKeys(String columns) {
        keys.ask(columns);
    }

    /**
     * As Avatica's, except that an {@code INSERT … RETURNING} runs as the query it is and counts the rows it returned
     * ({@link ReturnedRows}).
     */
    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        return ReturnedRows.returnsRows(getSignature()) ? ReturnedRows.count(executeQuery())
            : super.executeLargeUpdate();
    }

    /**
     * As Avatica's, except that 0 ("the driver decides") is the connection's frame size
     * ({@link RemoteConnection#frameRows}).
     */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        super.setFetchSize(((RemoteConnection) connection).frameRows(rows));
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return keys.read();
    }

    @Override
    public synchronized void close() throws SQLException {
        keys.closeThen(super::close);
    }

    /** Avatica's close: quiet if the link to the server is gone ({@link RemoteFailures#closeQuietlyIfLinkLost}). */
    @Override
    protected void close_() {
        RemoteFailures.closeQuietlyIfLinkLost(super::close_);
    }
}
