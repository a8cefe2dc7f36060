package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.ClientInfo;
import dev.hindsight.jdbc.spi.ClientRefusals;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.NClob;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Struct;
import java.util.Properties;

/**
 * The part of a connection that is Calcite's as it is, passed on to it once the connection is known to be open
 * ({@link #open}): its settings (auto-commit, read-only, schema, holdability, client info, timeouts) and
 * {@code createArrayOf}. Savepoints, {@code prepareCall} and the other factories of JDBC values ({@code createBlob},
 * …), which Calcite refuses with neither message nor SQLState, are refused here with both (0A000).
 */
abstract class ForwardingConnection implements Connection {

    /** Calcite's connection, which holds the connection's state and its {@code Meta}. */
    final Connection delegate;
    /** {@code setClientInfo}'s values, kept here ({@link ClientInfo}): Calcite's connection refused every one. */
    private final ClientInfo clientInfo = new ClientInfo();
    /** Set by {@code abort}: closed to its caller at once, whenever the executor runs the close itself. */
    volatile boolean aborted;

    ForwardingConnection(Connection delegate) {
        this.delegate = delegate;
    }

    /** A closed connection refuses everything with 08003 (SPEC §4), not Avatica's state-less "Connection closed". */
    final void open() throws SQLException {
        if (aborted || delegate.isClosed()) {
            throw new SQLException("the connection is closed", "08003");
        }
    }

    @Override
    public void beginRequest() throws SQLException {
        open();
        delegate.beginRequest();
    }

    @Override
    public void clearWarnings() throws SQLException {
        open();
        delegate.clearWarnings();
    }

    @Override
    public Array createArrayOf(String a0, Object[] a1) throws SQLException {
        open();
        return delegate.createArrayOf(a0, a1);
    }

    @Override
    public Blob createBlob() throws SQLException {
        open();
        throw ClientRefusals.valueFactory("createBlob");
    }

    @Override
    public Clob createClob() throws SQLException {
        open();
        throw ClientRefusals.valueFactory("createClob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        open();
        throw ClientRefusals.valueFactory("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        open();
        throw ClientRefusals.valueFactory("createSQLXML");
    }

    @Override
    public Struct createStruct(String a0, Object[] a1) throws SQLException {
        open();
        throw ClientRefusals.valueFactory("createStruct");
    }

    @Override
    public void endRequest() throws SQLException {
        open();
        delegate.endRequest();
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        open();
        return delegate.getAutoCommit();
    }

    @Override
    public String getCatalog() throws SQLException {
        open();
        return delegate.getCatalog();
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        open();
        return clientInfo.all();
    }

    @Override
    public String getClientInfo(String a0) throws SQLException {
        open();
        return clientInfo.get(a0);
    }

    @Override
    public int getHoldability() throws SQLException {
        open();
        return delegate.getHoldability();
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        open();
        return delegate.getNetworkTimeout();
    }

    @Override
    public String getSchema() throws SQLException {
        open();
        return delegate.getSchema();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        open();
        return delegate.getWarnings();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return aborted || delegate.isClosed();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        open();
        return delegate.isReadOnly();
    }

    @Override
    public String nativeSQL(String a0) throws SQLException {
        open();
        return a0; // the statement as it is: Hindsight's grammar reads JDBC's escapes ({fn …}, {d …}) itself
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
        open();
        throw ClientRefusals.storedProcedures();
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
        open();
        throw ClientRefusals.storedProcedures();
    }

    @Override
    public CallableStatement prepareCall(String a0) throws SQLException {
        open();
        throw ClientRefusals.storedProcedures();
    }

    @Override
    public void releaseSavepoint(Savepoint a0) throws SQLException {
        open();
        throw ClientRefusals.savepoints();
    }

    @Override
    public void rollback(Savepoint a0) throws SQLException {
        open();
        throw ClientRefusals.savepoints();
    }

    @Override
    public void setAutoCommit(boolean a0) throws SQLException {
        open();
        delegate.setAutoCommit(a0);
    }

    /**
     * Ignored, as JDBC says of a driver without catalogs ({@code getCatalogs()} has no rows): Calcite's kept the name,
     * and {@code getCatalog()} answered it.
     */
    @Override
    public void setCatalog(String a0) throws SQLException {
        open();
    }

    @Override
    public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
        clientInfo.set(a0, a1, delegate);
    }

    @Override
    public void setClientInfo(Properties a0) throws SQLClientInfoException {
        clientInfo.setAll(a0, delegate);
    }

    @Override
    public void setHoldability(int a0) throws SQLException {
        open();
        delegate.setHoldability(a0);
    }

    @Override
    public void setReadOnly(boolean a0) throws SQLException {
        open();
        delegate.setReadOnly(a0);
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        open();
        throw ClientRefusals.savepoints();
    }

    @Override
    public Savepoint setSavepoint(String a0) throws SQLException {
        open();
        throw ClientRefusals.savepoints();
    }

    @Override
    public void setSchema(String a0) throws SQLException {
        open();
        delegate.setSchema(a0);
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey a0, int a1) throws SQLException {
        open();
        return delegate.setShardingKeyIfValid(a0, a1);
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey a0, ShardingKey a1, int a2) throws SQLException {
        open();
        return delegate.setShardingKeyIfValid(a0, a1, a2);
    }

    @Override
    public void setShardingKey(ShardingKey a0, ShardingKey a1) throws SQLException {
        open();
        delegate.setShardingKey(a0, a1);
    }

    @Override
    public void setShardingKey(ShardingKey a0) throws SQLException {
        open();
        delegate.setShardingKey(a0);
    }
}
