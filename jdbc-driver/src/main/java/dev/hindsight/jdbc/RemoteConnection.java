package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.ClientInfo;
import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.jdbc.spi.KeyColumns;
import dev.hindsight.jdbc.spi.RefusedBatch;
import dev.hindsight.jdbc.spi.ResultSetKinds;
import dev.hindsight.jdbc.wire.CancelRequests;
import java.io.IOException;
import java.net.SocketException;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's remote connection, whose transaction calls (which reach the server: a commit appends the held INSERTs)
 * fail with an {@link SQLException} carrying the server's SQLState, e.g. 40001 for a version conflict at commit; whose
 * changed settings (auto-commit, read-only) reach the server before any statement runs; and whose
 * {@code prepareStatement} takes the generated keys asked for ({@link GeneratedKeys}). Every statement's failure
 * passes through here ({@code prepareStatement} and the {@code …Internal} calls Avatica's statements make), and leaves
 * as the server's message and SQLState ({@link RemoteFailures#tidy}); a batch's as a {@code BatchUpdateException}; a
 * call on a closed connection fails with 08003.
 */
final class RemoteConnection extends AvaticaConnection {

    /** How long a run waits for a cancel still on its way to the server ({@link #starting}). */
    private static final long CANCEL_WAIT_MS = 10_000;
    /** Reads the answer to a cancel: Avatica's own translation, as the answer is Avatica's. */
    private static final ProtobufTranslation PLAIN = new ProtobufTranslationImpl();

    /** Guards {@link #cancelsInFlight}. */
    private final ClientInfo clientInfo = new ClientInfo();
    private final Object cancels = new Object();
    /** Cancels sent and not yet answered ({@link #cancelOnServer}). */
    private int cancelsInFlight;
    /** The {@code timeZone} property, read once: Avatica reads every property again for it on each execute. */
    private final String timeZone;
    /** Auto-commit as set here; Avatica's {@code getAutoCommit()} asks the server while a change is unsent. */
    private boolean autoCommit = true;
    /**
     * {@link RemoteService#requests} when auto-commit went off, or -1 once the server may hold a transaction: while
     * the count has not moved, the change has not reached the server, which has held no INSERT.
     */
    private long requestsWhenTurnedOff = -1;
    /** Set by {@link #close}: the server drops the connection's statements with it. */
    private volatile boolean closedHere;
    /** Set by {@link #abort}: closed to its caller at once, whenever the executor runs the close itself. */
    private volatile boolean aborted;
    /** This connection's warnings: statements asked for a kind of result set there is not ({@link ResultSetKinds}). */
    private final ResultSetKinds.Warnings warnings = new ResultSetKinds.Warnings();
    /** The query timeout (seconds) the server's session has from {@link #sendTimeout}; 0: none. */
    private int sentTimeout;
    /** Set while {@link #sendTimeout} runs its statement, which must not send one itself. */
    private boolean sendingTimeout;
    /** Whether a {@code SET} or {@code RESET} was sent: the server's session has a setting a new one would lack. */
    private volatile boolean sessionSet;
    /** The statement {@link #sendTimeout} runs its SETs on, made on first use; the server drops it with us. */
    private Statement timeouts;

    RemoteConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        super(driver, factory, url, info);
        this.timeZone = config().timeZone();
    }

    /**
     * Whether {@link #close} has run: a statement closed after it has nothing to tell the server, which dropped the
     * connection's statements with the connection (or will, when it expires the connection).
     */
    boolean closedHere() {
        return closedHere;
    }

    /**
     * The zone {@code getTimestamp}, {@code setTimestamp} and their siblings read and write values in: the
     * {@code timeZone} property's, else UTC, the server's (SPEC §4: timestamps are UTC), not the JVM's default as in
     * Avatica's driver, which shifted every value by the client's offset.
     */
    @Override
    public TimeZone getTimeZone() {
        return TimeZone.getTimeZone(timeZone == null ? "UTC" : timeZone);
    }

    /** Kept by the driver ({@link ClientInfo}): Avatica's connection refused every name, without a SQLState. */
    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        clientInfo.set(name, value, this);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        clientInfo.setAll(properties, this);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        return clientInfo.all();
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return clientInfo.get(name);
    }

    /** Closed once closed here, or aborted (before the executor has run the close). */
    @Override
    public boolean isClosed() throws SQLException {
        return aborted || super.isClosed();
    }

    @Override
    protected void checkOpen() throws SQLException {
        if (isClosed()) {
            throw RemoteFailures.closed("the connection");
        }
    }

    /** The statement as it is, as embedded: the server's grammar reads JDBC's escapes itself (Avatica's: refused). */
    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    /** An empty map accepted, another refused with 0A000, as embedded (Avatica's refused every one, without words). */
    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        ClientRefusals.checkTypeMap(map);
    }

    /** Empty, as embedded: there are no user-defined types to map (Avatica's refuses the call). */
    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return new HashMap<>();
    }

    /** As Avatica's, whose failure lost the server's reason ("while preparing SQL: …" only). */
    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        checkOpen();
        ClientRefusals.checkSqlText(sql);
        noteSessionChange(sql);
        Meta.StatementHandle h;
        try {
            h = meta.prepare(handle, sql, -1);
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
        warnings.asked(resultSetType, resultSetConcurrency);
        warnings.askedHoldability(resultSetHoldability);
        return factory.newPreparedStatement(this, h, h.signature, ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY, ResultSet.HOLD_CURSORS_OVER_COMMIT);
    }

    /** As Avatica's, of the one kind of result set there is ({@link ResultSetKinds}). */
    @Override
    public AvaticaStatement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        warnings.askedHoldability(resultSetHoldability);
        AvaticaStatement s = super.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
            ResultSet.HOLD_CURSORS_OVER_COMMIT);
        warnings.asked(resultSetType, resultSetConcurrency);
        return s;
    }

    /** Result sets stay open over a commit, the one holdability there is; another asked is a warning. */
    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        warnings.askedHoldability(holdability);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings.get();
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings.clear();
    }

    /**
     * Avatica's transparent reconnection ({@code transparent_reconnection=true}) opens a new server connection when
     * the server no longer holds this one (a restart, the idle expiry) and runs the call again there. The new one has
     * none of this one's session: a transaction's INSERTs held so far were dropped without a word and the rest
     * committed (half a transfer), a {@code SET as_of} session read the present and wrote. So while the server holds
     * such state (auto-commit off, a {@code SET}/{@code RESET} sent, a query timeout sent) the call fails as it does
     * without the property, {@code 08003}, and the session is lost as PostgreSQL's driver loses it with its link.
     */
    @Override
    public <T> T invokeWithRetries(CallableWithoutException<T> callable) {
        return holdsSession() ? callable.call() : super.invokeWithRetries(callable);
    }

    private boolean holdsSession() {
        return !autoCommit || sessionSet || sentTimeout != 0;
    }

    /** Notes a statement text that changes the server's session ({@link SessionChanges}); not the driver's own. */
    private void noteSessionChange(String sql) {
        if (!sendingTimeout && SessionChanges.changesSession(sql)) {
            sessionSet = true;
        }
    }

    /** A {@code Statement}'s execute: its failure, which Avatica's statement would word again, is tidied here. */
    @Override
    protected Meta.ExecuteResult prepareAndExecuteInternal(AvaticaStatement statement, String sql, long maxRowCount)
            throws SQLException, NoSuchStatementException {
        ClientRefusals.checkSqlText(sql);
        noteSessionChange(sql);
        try {
            starting(statement);
            sendTimeout(statement);
            service().firstFrame(statement.handle.id, statement.getFetchSize());
            return super.prepareAndExecuteInternal(statement, sql, maxRowCount);
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        } catch (SQLException e) {
            throw RemoteFailures.tidy(e);
        }
    }

    /** A prepared statement's execute, and a metadata call's result; changed settings are sent first. */
    @Override
    protected ResultSet executeQueryInternal(AvaticaStatement statement, Meta.Signature signature,
                                             Meta.Frame firstFrame, QueryState state, boolean isUpdate)
            throws SQLException {
        try {
            starting(statement);
            sendSettings();
            if (statement instanceof AvaticaPreparedStatement) {
                sendTimeout(statement); // not for a metadata call's result, which comes here on a statement of its own
            }
            return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        } catch (SQLException e) {
            throw RemoteFailures.tidy(e);
        }
    }

    /**
     * A {@code Statement}'s batch, changed settings sent first: refused (Avatica let it through unchecked) as a
     * BatchUpdateException.
     */
    @Override
    protected Meta.ExecuteBatchResult prepareAndUpdateBatch(AvaticaStatement statement, List<String> queries)
            throws NoSuchStatementException, SQLException {
        queries.forEach(this::noteSessionChange);
        try {
            starting(statement);
            sendSettings();
            sendTimeout(statement);
            return new Meta.ExecuteBatchResult(counted(super.prepareAndUpdateBatch(statement, queries).updateCounts,
                queries.size(), false));
        } catch (RuntimeException e) {
            throw RemoteFailures.batch(RemoteFailures.of(e), queries.size(), RefusedBatch.atomic(queries));
        } catch (SQLException e) {
            throw RemoteFailures.batch(e, queries.size(), RefusedBatch.atomic(queries));
        }
    }

    /** A prepared statement's batch, changed settings sent first: refused as a BatchUpdateException. */
    @Override
    protected long[] executeBatchUpdateInternal(AvaticaPreparedStatement statement) throws SQLException {
        int size = ((RemotePreparedStatement) statement).batchSize(); // RemoteFactory makes no other kind
        try {
            starting(statement);
            sendSettings();
            sendTimeout(statement);
            return counted(super.executeBatchUpdateInternal(statement), size, true);
        } catch (RuntimeException e) {
            throw RemoteFailures.batch(RemoteFailures.of(e), size, true);
        } catch (SQLException e) {
            throw RemoteFailures.batch(e, size, true);
        }
    }

    /**
     * {@code counts}, if there is one for each of the batch's {@code size} statements. Avatica's client takes a
     * server's "missing statement" answer to a batch, which has no counts, for a batch that ran: it returned none, and
     * nothing was written (this server answers 26000 instead; this is the guard for what else could answer so).
     */
    private static long[] counted(long[] counts, int size, boolean prepared) throws SQLException {
        if (counts.length != size) {
            throw RemoteFailures.missingBatchStatement(prepared);
        }
        return counts;
    }

    /**
     * A run of {@code statement} begins with its cancel flag down, as embedded: Avatica raises it on {@code cancel()}
     * and never lowers it, so every later {@code next()} of the statement's results failed. A cancel still on its way
     * to the server is waited for first (up to {@link #CANCEL_WAIT_MS}), or it could stop this run, as PostgreSQL's
     * driver waits for its cancel before the next query.
     */
    private void starting(AvaticaStatement statement) throws SQLException {
        synchronized (cancels) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CANCEL_WAIT_MS);
            try {
                for (long left = CANCEL_WAIT_MS; cancelsInFlight > 0 && left > 0;
                     left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                    cancels.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while a cancel was sent", "57014", e);
            }
        }
        if (statement instanceof CancelFlag flag) {
            flag.lowerCancel();
        }
    }

    /** Whether the server sent the result of statement {@code statementId} to its end ({@link RemoteService}). */
    boolean resultFinished(int statementId) {
        return service().finished(statementId);
    }

    /** Closes {@code h} on the server, leaving the statement open here ({@link RemoteStatement#dropServerResult}). */
    void closeOnServer(Meta.StatementHandle h) {
        meta.closeStatement(h);
    }

    /**
     * Tells the server to cancel what the statement {@code h} runs now ({@link CancelRequests}), if a request of it is
     * in flight ({@link RemoteService#inFlight}); else there is nothing to stop there, and rows already here stop at
     * the flag {@code cancel()} raised. It goes over a connection of its own, since the statement's request holds this
     * connection's until it is answered. The server stops the run with 57014, which the statement's request then
     * reports; a run that ended meanwhile is not touched (the next one starts after this cancel's answer).
     *
     * <p>{@code raiseFlag} raises the statement's own flag once this cancel is counted: raised first, a reader that
     * saw it could start the statement's next run before the count, unwaited, and this cancel then stopped that run.
     *
     * @throws SQLException 0A000 if the server does not take cancels; one that cannot be reached is dropped, as
     *                      PostgreSQL's driver drops it
     */
    void cancelOnServer(Meta.StatementHandle h, Runnable raiseFlag) throws SQLException {
        synchronized (cancels) {
            // counted before the look at what is in flight: a run that starts after the look waits for this cancel
            cancelsInFlight++;
        }
        raiseFlag.run();
        RemoteHttpClient link = null;
        try {
            if (service().inFlight() != h.id) {
                return;
            }
            link = service().anotherLink(CANCEL_WAIT_MS);
            if (!(PLAIN.parseResponse(link.send(CancelRequests.write(h))) instanceof Service.CloseStatementResponse)) {
                throw noCancels(null);
            }
        } catch (RefusedRequestException | IOException e) {
            throw noCancels(e); // an older Hindsight server answers 400, a stock Avatica one an error response
        } catch (BrokenLinkException e) {
            // as PostgreSQL's driver: a cancel that cannot reach the server is dropped, and says nothing of the
            // statement's own link (an 08 state would make a pool throw the connection away)
        } finally {
            if (link != null) {
                link.close();
            }
            synchronized (cancels) {
                cancelsInFlight--;
                cancels.notifyAll();
            }
        }
    }

    private SQLException noCancels(Exception cause) {
        return new SQLException("the server at " + config().url() + " does not take cancels (it is not a Hindsight "
            + "server, or an older one): the statement runs on", "0A000", cause);
    }

    /**
     * {@code seconds} as Avatica can hold them: it keeps a query timeout in milliseconds in an {@code int}, so beyond
     * 2,147,483 s (24 days) one wrapped to a negative number, and the statement failed with 22023 naming a timeout of
     * -1000 ms ({@code setQueryTimeout(Integer.MAX_VALUE)}, which JDBC allows and PostgreSQL's driver takes): at most
     * that, the server's longest timeout anyway.
     */
    static int queryTimeoutSeconds(int seconds) {
        return Math.min(seconds, Integer.MAX_VALUE / 1000);
    }

    /**
     * {@code statement}'s query timeout ({@code setQueryTimeout}) to the server, which Avatica's protocol does not
     * carry: as the session's {@code query_timeout}, which the server applies besides {@code statement_timeout} (the
     * shorter wins, as embedded), sent before the statement when it differs from the one sent last, so a connection
     * whose statements share one timeout sends it once; a statement without one sends 0. A user's own
     * {@code SET statement_timeout} is left as it is. The server stops a statement that runs longer with 57014.
     */
    private synchronized void sendTimeout(AvaticaStatement statement) throws SQLException {
        int seconds = statement.getQueryTimeout();
        if (seconds == sentTimeout || sendingTimeout) {
            return;
        }
        sendingTimeout = true;
        try {
            if (timeouts == null) {
                timeouts = createStatement();
            }
            timeouts.execute("SET query_timeout = " + Math.min(seconds * 1000L, Integer.MAX_VALUE)); // server's max
            sentTimeout = seconds;
        } finally {
            sendingTimeout = false;
        }
    }

    /**
     * Closed here even when the server cannot be told: quietly if the link is gone (as PostgreSQL's driver). Its
     * statements and their result sets are closed with it, as JDBC says (Avatica's kept them: a result set went on
     * reading the rows it held, then failed naming an idle timeout).
     */
    @Override
    public void close() throws SQLException {
        closedHere = true;
        try {
            super.close();
        } catch (SQLException e) {
            RemoteFailures.rethrowUnlessLinkLost(e);
        } finally {
            for (Statement statement : List.copyOf(statementMap.values())) {
                try {
                    statement.close(); // on this side only: the server dropped them with the connection
                } catch (SQLException e) {
                    // nothing is sent, so nothing fails that the caller could act on
                }
            }
        }
    }

    /**
     * Commits on the server, which refuses it in auto-commit (25P01). A {@code setAutoCommit(false)} not yet sent is
     * sent first, so that the server judges the connection as it is here and not as it was.
     */
    @Override
    public void commit() throws SQLException {
        checkOpen();
        try {
            sendSettings();
            super.commit();
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    /** Rolls back on the server, which refuses it in auto-commit (25P01); settings first, as {@link #commit}. */
    @Override
    public void rollback() throws SQLException {
        checkOpen();
        try {
            sendSettings();
            super.rollback();
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    /**
     * As JDBC says, turning auto-commit on in a transaction commits it, here and now: its failure (40001) is this
     * call's, and auto-commit stays off then, as embedded. Avatica would only note the change and send it with the
     * connection's next request, so a {@code close()} right after dropped the held INSERTs, and a conflict surfaced
     * from an unrelated statement. It takes one request, the change itself (the server's connection commits as it
     * turns auto-commit on), and none if no request has gone to the server since auto-commit went off: the server
     * never heard of the transaction, so it holds nothing. Turning it off is sent with the next request, as Avatica
     * does: nothing is held yet.
     */
    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (autoCommit == this.autoCommit) {
            return; // as Avatica: nothing changes, and an unchanged "off" must not restart the count of requests
        }
        try {
            super.setAutoCommit(autoCommit); // noted, to be sent with the next request
            if (!autoCommit) {
                this.autoCommit = false;
                requestsWhenTurnedOff = service().requests();
            } else if (service().requests() == requestsWhenTurnedOff) {
                this.autoCommit = true;
            } else {
                sendAutoCommitOn();
            }
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    /**
     * Auto-commit as this connection set it, as PostgreSQL's driver answers, without asking the server: Avatica asked
     * it while a change was unsent (or nothing had been sent yet), and a server that had lost the connection made that
     * an unchecked exception with no SQLState (SPEC §4); Spring asks it as each transaction starts.
     */
    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    /** Sends the noted "auto-commit on" now, in one request; the server commits the transaction as it turns it on. */
    private void sendAutoCommitOn() throws SQLException {
        try {
            sendSettings();
            autoCommit = true;
        } catch (RuntimeException e) {
            // the server's stays off: its commit failed, or the link did (then the server may hold the transaction)
            super.setAutoCommit(false);
            requestsWhenTurnedOff = -1;
            throw e;
        }
    }

    /**
     * Sends the settings changed since the last request (auto-commit, read-only), if any. Avatica sends them with the
     * next {@code createStatement}, {@code prepareStatement} or {@code Statement} execute only, not before a prepared
     * statement's execute or batch, nor a {@code Statement}'s batch: an INSERT of a statement made before
     * {@code setAutoCommit(false)} was appended at once instead of held.
     */
    private void sendSettings() {
        meta.connectionSync(handle, new ConnectionPropertiesImpl());
    }

    private RemoteService service() {
        return (RemoteService) getService();
    }

    /** The server has opened this connection: from now on answers are waited for as long as they take. */
    void loggedIn() throws SQLException {
        try {
            service().loggedIn();
        } catch (SocketException e) {
            throw new SQLException("the link to the server failed: " + e.getMessage(), "08006", e);
        }
    }

    /**
     * Whether the server still holds this connection, asked of it (its settings: one small message), as PostgreSQL's
     * driver runs an empty query: Avatica's answers "not closed here" without asking, so a pool (HikariCP tests a
     * connection so when it has no test query) kept handing out one whose server had restarted, or expired it. Over a
     * link of its own whose answer is waited for at most {@code seconds} (0: for ever), so a server that does not
     * answer holds the caller no longer.
     */
    @Override
    public boolean isValid(int seconds) throws SQLException {
        ClientRefusals.checkNotNegative("isValid", seconds);
        if (isClosed()) {
            return false;
        }
        RemoteHttpClient link = null;
        try {
            link = service().anotherLink(TimeUnit.SECONDS.toMillis(seconds));
            return PLAIN.parseResponse(link.send(PLAIN.serializeRequest(new Service.ConnectionSyncRequest(handle.id,
                new ConnectionPropertiesImpl())))) instanceof Service.ConnectionSyncResponse;
        } catch (IOException | RuntimeException e) {
            return false; // the server gone, or not answering in time, or the connection unknown there
        } finally {
            if (link != null) {
                link.close();
            }
        }
    }

    /**
     * Marks the connection closed and closes it on {@code executor}, without waiting (a server that does not answer
     * holds the executor, not the caller), as JDBC describes an abort; Avatica refused the call with no SQLState and
     * no message.
     */
    @Override
    public void abort(Executor executor) throws SQLException {
        ClientRefusals.checkExecutor("abort", executor);
        if (!isClosed()) {
            aborted = true;
            executor.execute(() -> {
                try {
                    close();
                } catch (SQLException e) {
                    // aborted: there is no caller left to tell
                }
            });
        }
    }

    /** A level JDBC names; {@code TRANSACTION_NONE} and others are 0A000 ({@link ClientRefusals#checkIsolation}). */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        ClientRefusals.checkIsolation(level);
        super.setTransactionIsolation(level);
    }

    /**
     * Kept and read back after the checks JDBC names (an executor, 0 or more). Not applied to the link: a statement
     * is bounded by {@code setQueryTimeout}, and {@link #isValid} by its own wait.
     */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        ClientRefusals.checkNetworkTimeout(executor, milliseconds);
        super.setNetworkTimeout(executor, milliseconds);
    }

    @Override
    public String getSchema() throws SQLException {
        try {
            return super.getSchema(); // asks the server
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    /**
     * Ignored, as JDBC says of a driver without catalogs, and as embedded: Avatica's sent the name to the server, which
     * kept it, and {@code getCatalog()} answered it.
     */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        try {
            return super.getCatalog(); // asks the server
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    /**
     * READ COMMITTED, the one level there is (each statement reads the log as it is when it runs), whatever was set:
     * Avatica answers from the setting it keeps on the client, so a SERIALIZABLE asked for read back as granted.
     */
    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_READ_COMMITTED;
    }

    /**
     * Asks the server, after sending any setting not yet sent: a session reading the past ({@code SET as_of}) is
     * read-only there, and Avatica would answer from the setting it keeps on the client. Reconnects as every other
     * call does ({@link #invokeWithRetries}): tools and pools ask it first, and a connection that failed it with
     * {@code 08003} after a restart was thrown away though its next query would have reconnected.
     */
    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        try {
            Service.ConnectionSyncResponse answer = invokeWithRetries(() -> {
                sendSettings(); // again after a reconnect: the new server connection has the server's defaults
                return service().apply(new Service.ConnectionSyncRequest(handle.id, new ConnectionPropertiesImpl()));
            });
            return Boolean.TRUE.equals(answer.connProps.isReadOnly());
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        try {
            super.setReadOnly(readOnly); // noted, to be sent with the next request
        } catch (RuntimeException e) {
            throw RemoteFailures.of(e);
        }
        if (!autoCommit) {
            // in a transaction the server may hold INSERTs: sent now, so that its refusal (25001, as embedded) is
            // this call's, not the next statement's (Avatica's commit would have appended them read-only)
            try {
                sendSettings();
            } catch (RuntimeException e) {
                super.setReadOnly(!readOnly); // the server's stays as it was
                throw RemoteFailures.of(e);
            }
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        return withKeys(sql, KeyColumns.of(autoGeneratedKeys));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        return withKeys(sql, KeyColumns.of(columnIndexes));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        return withKeys(sql, KeyColumns.of(columnNames));
    }

    // Avatica refuses these with neither message nor SQLState: refused with both (0A000), as embedded

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        checkOpen();
        throw ClientRefusals.storedProcedures();
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        checkOpen();
        throw ClientRefusals.storedProcedures();
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        checkOpen();
        throw ClientRefusals.storedProcedures();
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        checkOpen();
        throw ClientRefusals.savepoints();
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        checkOpen();
        throw ClientRefusals.savepoints();
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        throw ClientRefusals.savepoints();
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        throw ClientRefusals.savepoints();
    }

    @Override
    public Blob createBlob() throws SQLException {
        checkOpen();
        throw ClientRefusals.valueFactory("createBlob");
    }

    @Override
    public Clob createClob() throws SQLException {
        checkOpen();
        throw ClientRefusals.valueFactory("createClob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        checkOpen();
        throw ClientRefusals.valueFactory("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        checkOpen();
        throw ClientRefusals.valueFactory("createSQLXML");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        checkOpen();
        throw ClientRefusals.valueFactory("createStruct");
    }

    /** {@code sql} prepared as any statement, whose {@code getGeneratedKeys()} returns {@code columns}. */
    private PreparedStatement withKeys(String sql, String columns) throws SQLException {
        PreparedStatement prepared = prepareStatement(sql);
        prepared.unwrap(RemotePreparedStatement.class).askKeys(columns);
        return prepared;
    }
}
