package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.KeyColumns;
import dev.hindsight.jdbc.spi.ResultSetKinds;
import dev.hindsight.log.EventLog;
import dev.hindsight.projection.Projections;
import dev.hindsight.sql.Returning;
import dev.hindsight.sql.SqlSession;
import dev.hindsight.sql.StatementCancels;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The JDBC connection a client gets: Calcite's, behind a typed wrapper (HikariCP's {@code ProxyConnection} style)
 * whose only work is to hand out {@link HindsightStatement}s, the one thing a statement needs that Avatica offers no
 * hook for. Everything a statement does runs through {@link HindsightMeta}, as it will for remote clients. What it
 * passes on as it is, its base does ({@link ForwardingConnection}).
 */
final class HindsightConnection extends ForwardingConnection {

    private static final int FORWARD_ONLY = ResultSet.TYPE_FORWARD_ONLY;
    private static final int READ_ONLY = ResultSet.CONCUR_READ_ONLY;

    private final SqlSession session;
    private final String url;
    /** Statements not yet closed: closing the connection closes them and their result sets (Avatica does not). */
    private final Set<Statement> open = ConcurrentHashMap.newKeySet();
    /** The statement made last ({@link #lastMade}). */
    private volatile Statement lastMade;
    /** The rows of catalog queries not yet garbage ({@link #catalogRows}): closing the connection closes them. */
    private final Set<ResultSet> catalogRows = Collections.synchronizedSet(Collections.newSetFromMap(
        new WeakHashMap<>()));
    /** This connection's warnings: statements asked for a kind of result set there is not ({@link ResultSetKinds}). */
    private final ResultSetKinds.Warnings warnings = new ResultSetKinds.Warnings();

    HindsightConnection(Connection delegate, SqlSession session, String url) {
        super(delegate);
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
        warnings.asked(a0, a1);
        return opened(new HindsightStatement(this, delegate.createStatement(FORWARD_ONLY, READ_ONLY)));
    }

    @Override
    public Statement createStatement(int a0, int a1, int a2) throws SQLException {
        open();
        warnings.askedHoldability(a2);
        warnings.asked(a0, a1);
        return opened(new HindsightStatement(this, delegate.createStatement(FORWARD_ONLY, READ_ONLY,
            ResultSet.HOLD_CURSORS_OVER_COMMIT)));
    }

    /** Result sets stay open over a commit, the one holdability there is; another asked is a warning. */
    @Override
    public void setHoldability(int a0) throws SQLException {
        open();
        warnings.askedHoldability(a0);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        open();
        return warnings.get();
    }

    @Override
    public void clearWarnings() throws SQLException {
        open();
        warnings.clear();
    }

    /** Whether {@code sql}, prepared without error, is an {@code INSERT … RETURNING}. */
    private static boolean returning(String sql) {
        return Returning.of(sql) != null;
    }

    /** Avatica's prepared statement for {@code sql}, its failure told once and plainly ({@link SqlErrors#tidy}). */
    private PreparedStatement prepared(String sql, int... options) throws SQLException {
        ClientRefusals.checkSqlText(sql);
        try {
            return switch (options.length) {
                case 0 -> delegate.prepareStatement(sql);
                case 2 -> delegate.prepareStatement(sql, options[0], options[1]);
                default -> delegate.prepareStatement(sql, options[0], options[1], options[2]);
            };
        } catch (SQLException e) {
            throw SqlErrors.tidy(SqlErrors.reportedWhilePreparing(e, sql), sql);
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
        PreparedStatement ps = prepared(a0, FORWARD_ONLY, READ_ONLY);
        warnings.asked(a1, a2);
        return opened(new HindsightPreparedStatement(this, ps, returning(a0)));
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
        open();
        warnings.askedHoldability(a3);
        PreparedStatement ps = prepared(a0, FORWARD_ONLY, READ_ONLY, ResultSet.HOLD_CURSORS_OVER_COMMIT);
        warnings.asked(a1, a2);
        return opened(new HindsightPreparedStatement(this, ps, returning(a0)));
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        open();
        return new HindsightDatabaseMetaData(delegate.getMetaData(), this, url);
    }

    private <S extends Statement> S opened(S statement) {
        open.add(statement);
        lastMade = statement;
        return statement;
    }

    /**
     * The statement this connection made last, or {@code null}: the server's remote connections learn so which
     * statement Avatica's {@code JdbcMeta} made for a client ({@link ServerMeta#createStatement}), as it keeps the
     * statement to itself.
     */
    Statement lastMade() {
        return lastMade;
    }

    /** The cancels of this connection's statements. */
    StatementCancels cancels() {
        return session.cancels();
    }

    /** Called by a statement of this connection as it closes. */
    void closed(Statement statement) {
        open.remove(statement);
        if (lastMade == statement) {
            lastMade = null;
        }
    }

    /**
     * The rows of a catalog query ({@code getTables}, …) read as a query's are, closed with this connection: held
     * weakly, as a tool that never closes one (the statement behind it is Avatica's, not one of {@link #open}) must
     * not make this connection keep it.
     */
    ResultSet catalogRows(ResultSet rows) throws SQLException {
        // its statement Avatica's, as before: the server's JdbcMeta keys a remote client's catalog statement by it,
        // and forgets it on close only if it is there (with none, every getColumns stayed in its cache)
        ResultSet checked = new HindsightResultSet(rows, rows.getStatement(), 0);
        catalogRows.add(rows);
        return checked;
    }

    @Override
    public void close() throws SQLException {
        try {
            for (Statement statement : open) {
                statement.close();
            }
            List<ResultSet> rows;
            synchronized (catalogRows) {
                rows = new ArrayList<>(catalogRows);
            }
            for (ResultSet r : rows) {
                r.close();
            }
        } finally {
            session.close(); // an open transaction's rows go, and what they took of the JVM's room for them
            delegate.close();
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface == SqlSession.class) {
            return iface.cast(session); // for the engine's own tests: which paths statements took
        }
        if (iface == Projections.class) {
            return iface.cast(session.projections()); // an embedded application's own projections, upcasters
        }
        if (iface == EventLog.class) {
            return iface.cast(session.log()); // the server's HTTP routes append to and read the log this one shares
        }
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface == Projections.class || iface == EventLog.class || iface == SqlSession.class
            || iface.isInstance(this) || delegate.isWrapperFor(iface);
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

    /**
     * As Avatica's, the failure of the commit that turning auto-commit on makes (40001 for a version conflict) an
     * {@code SQLException}: Avatica lets it through unchecked.
     */
    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        open();
        try {
            delegate.setAutoCommit(autoCommit);
        } catch (RuntimeException e) {
            throw SqlErrors.fromExecution(e);
        }
    }

    /** As Avatica's, its refusal while INSERTs are held (25001) an {@code SQLException}: Avatica lets it through. */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        open();
        try {
            delegate.setReadOnly(readOnly);
        } catch (RuntimeException e) {
            throw SqlErrors.fromExecution(e);
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        open();
        delegate.getTransactionIsolation(); // throws if closed
        return TRANSACTION_READ_COMMITTED; // each statement reads the log as it is when it runs
    }

    /** A level JDBC names; {@code TRANSACTION_NONE} and others are 0A000 ({@link ClientRefusals#checkIsolation}). */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        open();
        ClientRefusals.checkIsolation(level);
        delegate.setTransactionIsolation(level);
    }

    /** As remotely: below 0 is 22023 (Avatica's said so with no SQLState); false once closed, or aborted. */
    @Override
    public boolean isValid(int seconds) throws SQLException {
        ClientRefusals.checkNotNegative("isValid", seconds);
        return !isClosed() && delegate.isValid(seconds);
    }

    /**
     * Marks the connection closed and closes it on {@code executor}, without waiting for the close, as JDBC describes
     * an abort (Avatica refused the call with no SQLState and no message); closed already, nothing.
     */
    @Override
    public void abort(Executor executor) throws SQLException {
        ClientRefusals.checkExecutor("abort", executor);
        if (!isClosed()) {
            aborted = true;
            executor.execute(this::closeQuietly);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (SQLException e) {
            // aborted: there is no caller left to tell
        }
    }

    /**
     * Kept and read back, as JDBC asks, after the checks JDBC names (an executor, 0 or more); an embedded statement
     * waits for no network, so there is nothing it bounds (its {@code setQueryTimeout} bounds a statement).
     */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        open();
        ClientRefusals.checkNetworkTimeout(executor, milliseconds);
        delegate.setNetworkTimeout(executor, milliseconds);
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        open();
        return new HashMap<>(); // no user-defined types to map: an empty map, as PostgreSQL's driver answers
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
    public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
        open();
        ClientRefusals.checkTypeMap(a0);
    }
}
