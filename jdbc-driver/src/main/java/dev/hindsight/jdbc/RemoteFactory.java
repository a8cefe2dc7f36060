package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.CheckedResultSetMetaData;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Avatica's JDBC objects, ours where Avatica's fall short: a connection, statements and result sets that report every
 * failure as an {@link SQLException} with its SQLState ({@link RemoteFailures}), as Avatica's own let the server's
 * errors escape {@code commit()}, {@code createStatement()} and {@code ResultSet.next()} unchecked; statements with
 * generated keys ({@link GeneratedKeys}); and a {@code DatabaseMetaData} that answers primary keys
 * ({@link RemoteDatabaseMetaData}). Result set metadata is {@code base}'s, Avatica's JDBC 4.1 factory.
 */
final class RemoteFactory implements AvaticaFactory {

    private final AvaticaFactory base;

    RemoteFactory(AvaticaFactory base) {
        this.base = base;
    }

    @Override
    public int getJdbcMajorVersion() {
        return base.getJdbcMajorVersion();
    }

    @Override
    public int getJdbcMinorVersion() {
        return base.getJdbcMinorVersion();
    }

    @Override
    public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
                                           Properties info) throws SQLException {
        return new RemoteConnection(driver, factory, url, info);
    }

    @Override
    public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
                                         int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        try {
            // without a handle, asks the server for a statement: Avatica lets that call's failure escape unchecked
            return new RemoteStatement(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    @Override
    public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
                                                         Meta.Signature signature, int resultSetType,
                                                         int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return new RemotePreparedStatement(connection, h, signature, resultSetType, resultSetConcurrency,
            resultSetHoldability);
    }

    @Override
    public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                                         TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        ResultSetMetaData metaData = newResultSetMetaData(statement, signature);
        return new RemoteResultSet(statement, state, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
        return new RemoteDatabaseMetaData(connection);
    }

    @Override
    public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature)
            throws SQLException {
        return CheckedResultSetMetaData.of(base.newResultSetMetaData(statement, signature)); // 22023 out of range
    }
}
