package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.KeyColumns;
import dev.hindsight.jdbc.spi.ReturningCount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's statement with generated keys ({@link GeneratedKeys}): every JDBC way of asking for them
 * ({@code RETURN_GENERATED_KEYS}, column names, column indexes, on {@code executeUpdate}, {@code executeLargeUpdate}
 * and {@code execute}) runs the statement as it is and sets the columns {@code getGeneratedKeys()} returns. A statement
 * that reads keys for another ({@link #readingKeysOf}) gives its result set that statement as its
 * {@code getStatement()}, as the embedded driver does. {@code executeUpdate} of an {@code INSERT … RETURNING} answers
 * the number of rows it returned ({@link ReturnedRows}).
 */
final class RemoteStatement extends AvaticaStatement implements CancelFlag {

    /** The result {@link #getMoreResults} moved past: no current result while it is Avatica's still. */
    private ResultSet movedPast;

    private final GeneratedKeys keys = new GeneratedKeys(this);
    /** The statement whose keys this one reads, or {@code this}. */
    private final AvaticaStatement owner;
    /** The id of the server's statement {@link #dropServerResult} closed, or -1: the next run makes a new one. */
    private int droppedId = -1;
    /** Whether a run is under way: a result it closes is replaced on the server by the run itself. */
    private boolean running;

    RemoteStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType, int resultSetConcurrency,
                    int resultSetHoldability) {
        super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
        this.owner = this;
    }

    private RemoteStatement(AvaticaStatement owner) throws SQLException {
        super(owner.connection, null, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
            owner.getResultSetHoldability());
        this.owner = owner;
    }

    /** A new statement on {@code owner}'s connection to read {@code owner}'s generated keys. */
    static RemoteStatement readingKeysOf(AvaticaStatement owner) throws SQLException {
        try {
            return new RemoteStatement(owner); // asks the server for a statement
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    /** The statement the client ran: the one whose keys this statement reads, else this one. */
    AvaticaStatement owner() {
        return owner;
    }

    /** Closed also once its connection is, as JDBC says (Avatica's answers false then). */
    @Override
    public boolean isClosed() throws SQLException {
        return super.isClosed() || connection.isClosed();
    }

    @Override
    protected void checkOpen() throws SQLException {
        if (isClosed()) {
            throw RemoteFailures.closed("the statement");
        }
    }

    /** A no-op, as embedded and as JDBC says for a database without positioned UPDATE and DELETE. */
    @Override
    public void setCursorName(String name) throws SQLException {
        checkOpen();
    }

    /** A no-op, as embedded: JDBC's escapes are read by the server's grammar, and text outside them is SQL anyway. */
    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return keys.read();
    }

    /**
     * What Avatica's cancel does, raising the flag that stops this side's reading of rows, and the server told to stop
     * what the statement runs there ({@link RemoteConnection#cancelOnServer}), which Avatica's protocol cannot say.
     * Without Avatica's lock: its remote execute of a {@code Statement} holds it until the server answers, so a
     * cancel that took it waited for the very run it was to stop.
     */
    @Override
    @SuppressWarnings("UnsynchronizedOverridesSynchronized")
    public void cancel() throws SQLException {
        checkOpen();
        ((RemoteConnection) connection).cancelOnServer(handle, () -> cancelFlag.set(true));
    }

    @Override
    public void lowerCancel() {
        cancelFlag.set(false);
    }

    @Override
    public boolean canceled() {
        return cancelFlag.get();
    }

    @Override
    public synchronized void close() throws SQLException {
        keys.closeThen(super::close);
    }

    /**
     * Closes this statement on the server, for a result closed before the server sent its last rows
     * ({@link RemoteResultSet#close}): the server held what it had read ahead of the client (a hunt measured ~9 MB a
     * result of 100 kB events; 22 such results closed by their clients ran a 256 MB server out of memory) until the
     * statement closed or sat idle 10 minutes, since Avatica's protocol has no close of a result (PostgreSQL's driver
     * closes its portal). The next run makes a new one first ({@link #onServer}). Not for the result a run replaces
     * (the server's statement lets it go as it runs the next) nor one this statement's close closes.
     */
    void dropServerResult() {
        RemoteConnection remote = (RemoteConnection) connection;
        if (running || closed || handle == null || handle.id == droppedId || remote.closedHere()
            || remote.resultFinished(handle.id)) {
            return; // the server's result ended with its last frame: nothing held there
        }
        droppedId = handle.id;
        try {
            remote.closeOnServer(handle);
        } catch (RuntimeException e) {
            // the server keeps it until it expires (a link lost, a server stopping); the next run makes a new one
        }
    }

    /** A new statement on the server if {@link #dropServerResult} closed this one's, before anything runs on it. */
    private void onServer() throws SQLException {
        if (handle != null && handle.id == droppedId) {
            try {
                resetStatement(); // Avatica's: a new statement on the server in place of the old
            } catch (RuntimeException e) {
                throw RemoteFailures.of(e);
            }
        }
    }

    /** As Avatica's, on a statement the server holds ({@link #onServer}). */
    @Override
    protected void executeInternal(String sql) throws SQLException {
        onServer();
        running = true;
        try {
            super.executeInternal(sql);
        } finally {
            running = false;
        }
    }

    /** As Avatica's, on a statement the server holds ({@link #onServer}): a batch of a closed one was 26000. */
    @Override
    protected long[] executeBatchInternal() throws SQLException {
        onServer();
        running = true;
        try {
            return super.executeBatchInternal();
        } finally {
            running = false;
        }
    }

    /**
     * Avatica's close, which tells the server: quiet if the link to the server is gone
     * ({@link RemoteFailures#closeQuietlyIfLinkLost}); after the connection's close, on this side only, as the server
     * dropped the statement with its connection ({@link RemoteConnection#closedHere}), and so after
     * {@link #dropServerResult} closed it there.
     */
    @Override
    protected void close_() {
        if (((RemoteConnection) connection).closedHere() || (handle != null && handle.id == droppedId)) {
            closeHere(); // nothing of it left on the server: its close would be a request for nothing
        } else {
            RemoteFailures.closeQuietlyIfLinkLost(super::close_);
        }
    }

    /** What Avatica's close does on this side: closed, with its open result set, and forgotten by the connection. */
    private void closeHere() {
        if (closed) {
            return;
        }
        closed = true;
        connection.statementMap.remove(handle.id);
        AvaticaResultSet open = openResultSet;
        openResultSet = null;
        if (open != null) {
            open.close();
        }
    }

    /**
     * As Avatica's, except that an {@code INSERT … RETURNING} counts the rows it returned, and another statement that
     * returned rows is refused ({@link ReturnedRows}).
     */
    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        keys.running();
        return ReturningCount.uncapped(this, () -> {
            long count = ReturnedRows.count(sql, super.executeLargeUpdate(sql), openResultSet);
            movedPast = openResultSet; // no current result after an update
            return count;
        });
    }

    /** As Avatica's; a null text refused now, not when the batch runs ({@link ClientRefusals#checkSqlText}). */
    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        ClientRefusals.checkSqlText(sql);
        super.addBatch(sql);
    }

    /** As Avatica's, with the generated keys it asks for ({@link GeneratedKeys#running}). */
    @Override
    public boolean execute(String sql) throws SQLException {
        keys.running();
        return super.execute(sql);
    }

    /** As Avatica's, its generated keys the default ones ({@link GeneratedKeys#running}). */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        keys.running();
        return super.executeLargeBatch();
    }

    /**
     * As Avatica's, its generated keys the default ones ({@link GeneratedKeys#running}); a statement without rows
     * refused with 02000 ({@link ClientRefusals#ofQuery}).
     */
    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        keys.running(); // an INSERT … RETURNING run as a query appends: its keys are the default ones
        try {
            return super.executeQuery(sql);
        } catch (SQLException e) {
            throw ClientRefusals.ofQuery(e);
        }
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen(); // 08003 before 22023, as embedded
        ClientRefusals.checkNotNegative("setQueryTimeout", seconds);
        super.setQueryTimeout(RemoteConnection.queryTimeoutSeconds(seconds));
    }

    /** Avatica's {@code setMaxRows} (final) comes here too. */
    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen(); // 08003 before 22023, as embedded
        ClientRefusals.checkNotNegative("setMaxRows", max);
        super.setLargeMaxRows(max);
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen(); // 08003 before 22023, as embedded
        ClientRefusals.checkNotNegative("setFetchSize", rows);
        super.setFetchSize(rows);
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen(); // 08003 before 22023, as embedded
        ClientRefusals.checkNotNegative("setMaxFieldSize", max);
        super.setMaxFieldSize(max);
    }

    /** This statement, set to return {@code columns} from {@link #getGeneratedKeys()} after it runs. */
    private RemoteStatement asking(String columns) throws SQLException {
        checkOpen();
        keys.ask(columns);
        return this;
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return asking(KeyColumns.of(autoGeneratedKeys)).executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return asking(KeyColumns.of(columnIndexes)).executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return asking(KeyColumns.of(columnNames)).executeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return asking(KeyColumns.of(autoGeneratedKeys)).executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return asking(KeyColumns.of(columnIndexes)).executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return asking(KeyColumns.of(columnNames)).executeLargeUpdate(sql);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return asking(KeyColumns.of(autoGeneratedKeys)).execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return asking(KeyColumns.of(columnIndexes)).execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return asking(KeyColumns.of(columnNames)).execute(sql);
    }

    /** As embedded, after {@link ClientRefusals#closesCurrent}: there is never a further result. */
    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        movedPast = super.getResultSet();
        return ClientRefusals.closesCurrent(current) && super.getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }

    /** As embedded: none once {@link #getMoreResults} moved past it (Avatica kept the result it closed). */
    @Override
    public ResultSet getResultSet() throws SQLException {
        ResultSet rs = super.getResultSet();
        return rs != null && rs == movedPast ? null : rs;
    }
}
