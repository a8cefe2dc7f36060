package dev.hindsight.sql.jdbc;

import dev.hindsight.sql.Returning;
import dev.hindsight.sql.SqlSession;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The JDBC connection a client gets: Calcite's, behind a typed wrapper (HikariCP's {@code ProxyConnection} style)
 * whose only work is to hand out {@link HindsightStatement}s, the one thing a statement needs that Avatica offers no
 * hook for. Everything a statement does runs through {@link HindsightMeta}, as it will for remote clients.
 */
final class HindsightConnection implements Connection {

    private final Connection delegate;

    /** A closed connection refuses everything with 08003 (SPEC §4), not Avatica's state-less "Connection closed". */
    private void open() throws SQLException {
        if (delegate.isClosed()) {
            throw new SQLException("the connection is closed", "08003");
        }
    }
    private final SqlSession session;
    private final String url;
    /** Statements not yet closed: closing the connection closes them and their result sets (Avatica does not). */
    private final Set<Statement> open = ConcurrentHashMap.newKeySet();

    HindsightConnection(Connection delegate, SqlSession session, String url) {
        this.delegate = delegate;
        this.session = session;
        this.url = url;
    }

    @Override
    public Statement createStatement() throws SQLException {
        open();
        return opened(new HindsightStatement(this, delegate.createStatement()));
    }

    @Override
    public Statement createStatement(int a0, int a1) throws SQLException {
        open();
        return opened(new HindsightStatement(this, delegate.createStatement(a0, a1)));
    }

    @Override
    public Statement createStatement(int a0, int a1, int a2) throws SQLException {
        open();
        return opened(new HindsightStatement(this, delegate.createStatement(a0, a1, a2)));
    }

    /** Whether {@code sql}, prepared without error, is an {@code INSERT … RETURNING}. */
    private static boolean returning(String sql) {
        return Returning.of(sql) != null;
    }

    /** Avatica's prepared statement for {@code sql}, its failure told once and plainly ({@link SqlErrors#tidy}). */
    private PreparedStatement prepared(String sql, int... options) throws SQLException {
        try {
            switch (options.length) {
                case 0:
                    return delegate.prepareStatement(sql);
                case 2:
                    return delegate.prepareStatement(sql, options[0], options[1]);
                default:
                    return delegate.prepareStatement(sql, options[0], options[1], options[2]);
            }
        } catch (SQLException e) {
            throw SqlErrors.tidy(e, sql);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String a0) throws SQLException {
        open();
        return opened(new HindsightPreparedStatement(this, prepared(a0), returning(a0)));
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
        open();
        HindsightPreparedStatement ps = opened(new HindsightPreparedStatement(this, prepared(a0), returning(a0)));
        ps.keyColumns(KeyColumns.of(a1));
        return ps;
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
        open();
        HindsightPreparedStatement ps = opened(new HindsightPreparedStatement(this, prepared(a0), returning(a0)));
        ps.keyColumns(KeyColumns.of(a1));
        return ps;
    }

    @Override
    public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
        open();
        HindsightPreparedStatement ps = opened(new HindsightPreparedStatement(this, prepared(a0), returning(a0)));
        ps.keyColumns(KeyColumns.of(a1));
        return ps;
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
        open();
        return opened(new HindsightPreparedStatement(this, prepared(a0, a1, a2), returning(a0)));
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
        open();
        return opened(new HindsightPreparedStatement(this, prepared(a0, a1, a2, a3), returning(a0)));
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        open();
        return new HindsightDatabaseMetaData(delegate.getMetaData(), this, url);
    }

    private <S extends Statement> S opened(S statement) {
        open.add(statement);
        return statement;
    }

    /** Called by a statement of this connection as it closes. */
    void closed(Statement statement) {
        open.remove(statement);
    }

    @Override
    public void close() throws SQLException {
        try {
            for (Statement statement : open) {
                statement.close();
            }
        } finally {
            delegate.close();
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface == SqlSession.class) {
            return iface.cast(session); // for the engine's own tests: which paths statements took
        }
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public void abort(Executor a0) throws SQLException {
        delegate.abort(a0);
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
    public void commit() throws SQLException {
        open();
        try {
            delegate.commit();
        } catch (RuntimeException e) {
            throw SqlErrors.fromExecution(e); // Avatica lets Meta.commit's failure through unchecked
        }
    }

    @Override
    public Array createArrayOf(String a0, Object[] a1) throws SQLException {
        open();
        return delegate.createArrayOf(a0, a1);
    }

    @Override
    public Blob createBlob() throws SQLException {
        open();
        return delegate.createBlob();
    }

    @Override
    public Clob createClob() throws SQLException {
        open();
        return delegate.createClob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        open();
        return delegate.createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        open();
        return delegate.createSQLXML();
    }

    @Override
    public Struct createStruct(String a0, Object[] a1) throws SQLException {
        open();
        return delegate.createStruct(a0, a1);
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
        return delegate.getClientInfo();
    }

    @Override
    public String getClientInfo(String a0) throws SQLException {
        open();
        return delegate.getClientInfo(a0);
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
    public int getTransactionIsolation() throws SQLException {
        open();
        delegate.getTransactionIsolation(); // throws if closed
        return TRANSACTION_READ_COMMITTED; // each statement reads the log as it is when it runs
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        open();
        return new HashMap<>(); // no user-defined types to map: an empty map, as PostgreSQL's driver answers
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        open();
        return delegate.getWarnings();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        open();
        return delegate.isReadOnly();
    }

    @Override
    public boolean isValid(int a0) throws SQLException {
        return delegate.isValid(a0);
    }

    @Override
    public String nativeSQL(String a0) throws SQLException {
        open();
        return delegate.nativeSQL(a0);
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
        open();
        return delegate.prepareCall(a0, a1, a2, a3);
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
        open();
        return delegate.prepareCall(a0, a1, a2);
    }

    @Override
    public CallableStatement prepareCall(String a0) throws SQLException {
        open();
        return delegate.prepareCall(a0);
    }

    @Override
    public void releaseSavepoint(Savepoint a0) throws SQLException {
        open();
        delegate.releaseSavepoint(a0);
    }

    @Override
    public void rollback() throws SQLException {
        open();
        try {
            delegate.rollback();
        } catch (RuntimeException e) {
            throw SqlErrors.fromExecution(e);
        }
    }

    @Override
    public void rollback(Savepoint a0) throws SQLException {
        open();
        delegate.rollback(a0);
    }

    @Override
    public void setAutoCommit(boolean a0) throws SQLException {
        open();
        delegate.setAutoCommit(a0);
    }

    @Override
    public void setCatalog(String a0) throws SQLException {
        open();
        delegate.setCatalog(a0);
    }

    @Override
    public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
        delegate.setClientInfo(a0, a1);
    }

    @Override
    public void setClientInfo(Properties a0) throws SQLClientInfoException {
        delegate.setClientInfo(a0);
    }

    @Override
    public void setHoldability(int a0) throws SQLException {
        open();
        delegate.setHoldability(a0);
    }

    @Override
    public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
        open();
        delegate.setNetworkTimeout(a0, a1);
    }

    @Override
    public void setReadOnly(boolean a0) throws SQLException {
        open();
        delegate.setReadOnly(a0);
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        open();
        return delegate.setSavepoint();
    }

    @Override
    public Savepoint setSavepoint(String a0) throws SQLException {
        open();
        return delegate.setSavepoint(a0);
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

    @Override
    public void setTransactionIsolation(int a0) throws SQLException {
        open();
        delegate.setTransactionIsolation(a0);
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
        open();
        if (a0 != null && !a0.isEmpty()) {
            throw new SQLFeatureNotSupportedException("Hindsight has no user-defined types to map: " + a0.keySet(),
                SqlErrors.FEATURE_NOT_SUPPORTED);
        }
    }
}
