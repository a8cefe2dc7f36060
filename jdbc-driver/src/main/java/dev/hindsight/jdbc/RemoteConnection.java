package dev.hindsight.jdbc;

import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Avatica's remote connection, whose transaction calls (which reach the server: a commit appends the held INSERTs)
 * fail with an {@link SQLException} carrying the server's SQLState, e.g. 40001 for a version conflict at commit.
 */
final class RemoteConnection extends AvaticaConnection {

    RemoteConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        super(driver, factory, url, info);
    }

    @Override
    public void commit() throws SQLException {
        try {
            super.commit();
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    @Override
    public void rollback() throws SQLException {
        try {
            super.rollback();
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        try {
            super.setAutoCommit(autoCommit);
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        try {
            super.setReadOnly(readOnly);
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }
}
