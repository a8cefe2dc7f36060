package dev.hindsight.sql.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The server side of remote JDBC: Avatica's {@link JdbcMeta} (connection and statement caches, frames, metadata) over
 * embedded Hindsight connections, one per remote connection id. Each embedded connection runs {@link HindsightMeta}
 * inside, so plan cache, fast paths, one-append batches and SQLStates are the same remote as embedded. Added here:
 * <ul>
 *   <li>{@link #openConnection}: authenticates the {@code user}/{@code password} properties (28000), refuses
 *       engine-level properties ({@link RemoteProperties}, 08001), runs the connection with the key's access, and
 *       limits connections per key (53300), a key at its limit given the slot of one of its connections left idle
 *       ({@link IdleConnections});</li>
 *   <li>a statement whose result has an ARRAY, MULTISET, MAP or ROW column is refused with 0A000
 *       ({@link UnsentColumns}) rather than failing half-way with XX000 or breaking the client;</li>
 *   <li>frames: a client's fetch size is honoured up to {@link RemoteLimits#maxFrameRows()}, and as far as
 *       {@link FrameBytes#LIMIT} bytes of rows (a frame is built whole before it goes out); their dates before
 *       1582-10-16 are counted in ISO days as the client reads them ({@link FrameDates});</li>
 *   <li>{@link #syncResults}: a result whose statement the server dropped (idle, or the statement cache full) is
 *       not re-run and skipped to where the client was, as Avatica would: on a growing log that would give other
 *       rows. The client gets 24000 and runs the query again itself.</li>
 *   <li>statements are their connection's ({@link StatementOwners}): Avatica finds a statement by its number alone,
 *       and numbers are handed out in order, so any client could run, read or close another connection's statement
 *       (a {@code read} key another's prepared INSERT). A statement asked for with a connection that did not make it
 *       is answered as one that does not exist. (The deprecated {@code prepareAndExecute} and {@code execute}
 *       overloads are not overridden: {@code JdbcMeta}'s call the checked ones.)</li>
 *   <li>open statements are counted per key ({@link StatementQuotas}): a key over its quota has its own least
 *       recently used statement closed, not another key's. The statements of catalog results ({@code getTables}
 *       and the like, {@link #catalogResult}) are closed as they are answered, their rows sent whole.</li>
 * </ul>
 * Thread-safe.
 */
final class ServerMeta extends CatalogResultsMeta {

    static final String INVALID_AUTHORIZATION = "28000";
    static final String TOO_MANY_CONNECTIONS = "53300";
    /** 08001: a connection that cannot be made as asked (no id, or the id of one open). */
    static final String UNABLE_TO_CONNECT = "08001";
    static final String INVALID_CURSOR_STATE = "24000";
    /** 26000, PostgreSQL's "prepared statement does not exist". */
    static final String INVALID_SQL_STATEMENT_NAME = "26000";

    private static final System.Logger LOG = System.getLogger(ServerMeta.class.getName());
    private static final HindsightEmbeddedEngine ENGINE = new HindsightEmbeddedEngine();
    /** A result's first rows are read this many at a time before they are measured ({@link FrameBytes}). */
    private static final int FIRST_ROWS = 8;
    /** The server's statement cache holds this many keys' quotas in all, the least recently used of any beyond. */
    private static final long KEYS_IN_THE_CACHE = 10;

    private final String target;
    private final Properties engine;
    private final RemoteAuthenticator authenticator;
    private final RemoteLimits limits;
    /** Connection id → the principal that opened it; guarded by itself, pruned of connections the cache dropped. */
    private final Map<String, String> owners = new HashMap<>();
    private final StatementOwners statements;
    private final StatementQuotas quotas;
    private final BusyHandles busy = new BusyHandles();
    private final IdleConnections idle = new IdleConnections();

    ServerMeta(String target, Properties engine, RemoteAuthenticator authenticator, RemoteLimits limits)
            throws SQLException {
        super("jdbc:hindsight:" + target, cacheSettings(limits));
        this.target = target;
        this.engine = engine;
        this.authenticator = authenticator;
        this.limits = limits;
        Supplier<Set<Integer>> live = () -> getStatementCache().asMap().keySet();
        // the cache's capacity: pruned more often, a prune of all entries ran on every statement made past it
        this.statements = new StatementOwners(statementCacheCapacity(limits), live);
        this.quotas = new StatementQuotas(limits.maxStatements(), live);
    }

    /** Remote connections open now, as of the last {@link #closeExpired} (Avatica's cache). */
    long openConnections() {
        return getConnectionCache().size();
    }

    /** Statements remote connections hold open now, as of the last {@link #closeExpired} (Avatica's cache). */
    long openStatements() {
        return getStatementCache().size();
    }

    /**
     * Closes the connections and statements idle past their expiry. Avatica's caches drop an expired entry only as they
     * are used, so a server without JDBC traffic kept each one, with its session (plan cache, compiled plans, a
     * transaction's held rows and their share of the room all transactions share) until the next request: this is
     * called on a timer ({@link RemoteJdbc}). The caches' removal listeners close what they drop; what a request runs
     * on now is not idle ({@link BusyHandles}).
     */
    void closeExpired() {
        // what a request runs on now is in use, however long ago the request started
        busy.connections().forEach(getConnectionCache()::getIfPresent);
        busy.statements().forEach(getStatementCache()::getIfPresent);
        getStatementCache().cleanUp();
        getConnectionCache().cleanUp();
    }

    /** A bound on all keys' statements together; each key keeps within its own quota ({@link StatementQuotas}). */
    private static long statementCacheCapacity(RemoteLimits limits) {
        return limits.maxStatements() * KEYS_IN_THE_CACHE;
    }

    /** Avatica's cache settings, set explicitly rather than left to its defaults (docs/jdbc.md lists them). */
    private static Properties cacheSettings(RemoteLimits limits) {
        Properties p = new Properties();
        p.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), "100000");
        p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(),
            Long.toString(limits.connectionIdle().toMillis()));
        p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
        p.setProperty(StatementCacheSettings.MAX_CAPACITY.key(), Long.toString(statementCacheCapacity(limits)));
        p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), Long.toString(limits.statementIdle().toMillis()));
        p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
        // a few segments: a small maximum is then enforced exactly (Guava divides it among segments)
        p.setProperty(StatementCacheSettings.CONCURRENCY_LEVEL.key(), "4");
        p.setProperty(StatementCacheSettings.INITIAL_CAPACITY.key(), "16");
        return p;
    }

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        Map<String, String> given = info == null ? Map.of() : info;
        RemoteIdentity identity = authenticator.identify(given.get("user"), given.get("password"))
            .orElseThrow(() -> error("invalid credentials: the password must be a valid API key",
                INVALID_AUTHORIZATION));
        Properties session = RemoteProperties.session(given, engine, identity.access());
        Map<String, String> forEngine = new HashMap<>();
        session.stringPropertyNames().forEach(name -> forEngine.put(name, session.getProperty(name)));
        if (ch.id == null || ch.id.isEmpty()) {
            // Avatica's cache takes no null key: its failure came after the engine's connection was made, which then
            // stayed open, uncounted by the limit per key, with each such request
            throw error("a connection needs an id (the client makes one)", UNABLE_TO_CONNECT);
        }
        synchronized (owners) {
            Set<String> open = getConnectionCache().asMap().keySet();
            if (open.contains(ch.id)) {
                // Avatica's own check comes after it made the engine's connection, and answers XX000
                throw error("a connection with this id is open already: a client makes a new id for each",
                    UNABLE_TO_CONNECT);
            }
            owners.keySet().retainAll(open);
            idle.retainAll(open);
            List<String> held = owners.entrySet().stream().filter(e -> e.getValue().equals(identity.principal()))
                .map(Map.Entry::getKey).toList();
            if (held.size() >= limits.connectionsPerKey()) {
                makeRoom(held, identity.principal());
            }
            super.openConnection(ch, forEngine);
            owners.put(ch.id, identity.principal());
            idle.used(ch.id);
        }
    }

    /**
     * Closes the one of {@code held} (the connections of a key at its limit) idle longest, if it has been idle for a
     * thirtieth of the idle expiry (a minute of the default 30) and no request runs on it; else refuses a connection
     * more (53300). Such a connection is nearly always a client's that went away without closing it (killed, crashed);
     * its slot was held until it expired. One still in use finds itself closed (08003), as after the expiry.
     */
    private void makeRoom(List<String> held, String principal) {
        Duration idleFor = limits.connectionIdle().dividedBy(30);
        Optional<String> longestIdle = idle.longestIdle(held, idleFor.toNanos(), busy.connections());
        if (longestIdle.isEmpty()) {
            throw error("too many connections: " + held.size() + " open for " + principal + " (the limit is "
                + limits.connectionsPerKey() + "), none of them idle for " + idleFor.toSeconds() + " s (such a one "
                + "would be closed to make room); close some", TOO_MANY_CONNECTIONS);
        }
        closeConnection(new ConnectionHandle(longestIdle.get()));
        LOG.log(System.Logger.Level.INFO, "closed a remote JDBC connection of " + principal + " idle for over "
            + idleFor.toSeconds() + " s to make room for a new one (the limit is " + limits.connectionsPerKey() + ")");
    }

    /**
     * The request on {@code h} ended: its connection was in use until now ({@link IdleConnections}), however long ago
     * the request started (a query of minutes looked idle that long the moment it answered).
     */
    private void exited(StatementHandle h) {
        busy.exit(h);
        idle.used(h.connectionId);
    }

    /** Avatica's, the connection marked as used ({@link IdleConnections}). */
    @Override
    protected Connection getConnection(String id) throws SQLException {
        Connection connection = super.getConnection(id); // an id no connection has is refused here, not recorded
        idle.used(id);
        return connection;
    }

    @Override
    protected Connection createConnection(String url, Properties info) throws SQLException {
        Properties p = new Properties();
        for (String name : engine.stringPropertyNames()) {
            p.setProperty(name, engine.getProperty(name));
        }
        for (String name : List.of(Access.PROPERTY, "asOf", "statementTimeout", "user")) {
            String value = info.getProperty(name); // RemoteProperties.session: the client's, else the server's
            if (value != null) {
                p.setProperty(name, value);
            }
        }
        return ENGINE.connect(target, p);
    }

    /**
     * Closes {@code ch} with the statements it left open. {@code JdbcMeta} closes the embedded connection only: each
     * statement stayed in the statement cache, holding its embedded statement and through it the connection's
     * session (plan cache, compiled plans), until idle for the cache's expiry, and on a server without JDBC traffic
     * longer (the cache drops expired entries as it is used); uncounted, since the quota forgot them (a soak found
     * far more sessions held than connections open; {@code RemoteConnectionCloseTest}).
     */
    @Override
    public void closeConnection(ConnectionHandle ch) {
        try {
            super.closeConnection(ch);
        } finally {
            synchronized (owners) {
                owners.remove(ch.id);
            }
            idle.forget(ch.id);
            // the cache's removal listener closes each one's result set and statement
            getStatementCache().invalidateAll(statements.forgetConnection(ch.id));
            quotas.forgetConnection(ch.id);
        }
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        return made(ch, () -> super.createStatement(ch));
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        StatementHandle h = made(ch, () -> super.prepare(ch, text(sql), maxRowCount));
        Optional<String> unsent = h.signature == null ? Optional.empty() : UnsentColumns.of(h.signature.columns);
        if (unsent.isPresent()) {
            closeStatement(h);
            throw error(unsent.get(), SqlErrors.FEATURE_NOT_SUPPORTED);
        }
        return h;
    }

    /**
     * A statement's text as the client wrote it: protobuf does not send an empty string, so Avatica reads {@code ""}
     * as null (a NullPointerException, XX000); as {@code ""} it is the parser's 42601, as embedded.
     */
    private static String text(String sql) {
        return sql == null ? "" : sql;
    }

    /**
     * The statement {@code make} makes on {@code ch}'s embedded connection, recorded as {@code ch}'s with the embedded
     * statement, which {@code JdbcMeta} keeps to itself: the one the connection made last, while no other request of
     * {@code ch} makes one.
     */
    private StatementHandle made(ConnectionHandle ch, Supplier<StatementHandle> make) {
        HindsightConnection embedded;
        try {
            embedded = getConnection(ch.id).unwrap(HindsightConnection.class);
        } catch (SQLException | RuntimeException e) {
            return statements.made(make.get(), null); // no such connection: make fails as Avatica says
        }
        StatementHandle h;
        synchronized (embedded) {
            h = statements.made(make.get(), embedded.lastMade());
        }
        return counted(h);
    }

    /**
     * The statement of a catalog result, which {@code JdbcMeta} makes and registers inside itself: closed at once if
     * its rows went whole in the first frame (they do: the result is read to its end and closed as it is answered),
     * else recorded as {@code ch}'s and counted in its key's quota as one the client made. Left open, each stayed in
     * the statement cache until idle for its expiry, so a key that made many pushed other keys' statements out; and
     * counted, they would push out that key's own live results while holding nothing.
     */
    @Override
    protected MetaResultSet catalogResult(ConnectionHandle ch, MetaResultSet made) {
        StatementHandle h = new StatementHandle(ch.id, made.statementId, null);
        if (made.firstFrame != null && made.firstFrame.done) {
            super.closeStatement(h); // the client's close of it later finds nothing to close, as for any closed
        } else if (getStatementCache().getIfPresent(made.statementId) != null) {
            counted(statements.made(h, null)); // not cancelable (no embedded statement recorded)
        }
        return made;
    }

    /** {@code h}, just made, counted in the quota of its connection's key; that key's statements over it closed. */
    private StatementHandle counted(StatementHandle h) {
        String principal;
        synchronized (owners) {
            principal = owners.get(h.connectionId);
        }
        if (principal != null) {
            // outside the connection's lock: the statements closed may be another connection's of the same key
            for (StatementHandle over : quotas.made(principal, h)) {
                if (!busy.statements().contains(over.id)) { // a long run is least recently used, not unused
                    closeStatement(over);
                }
            }
        }
        return h;
    }

    /**
     * Cancels what the statement {@code h} names runs now, if {@code h}'s connection made it; a cancel of anything
     * else does nothing ({@link StatementOwners#cancel}). Avatica's protocol has no cancel: {@link RemoteJdbc} reads
     * the thin driver's own message for it ({@code CancelRequests}), sent over a connection of its own while the
     * statement runs.
     */
    void cancel(StatementHandle h) {
        statements.cancel(h);
    }

    @Override
    public void closeStatement(StatementHandle h) {
        if (statements.forget(h)) {
            quotas.forget(h);
            super.closeStatement(h);
        }
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands) {
        busy.enter(h);
        try {
            return super.prepareAndExecuteBatch(used(h), sqlCommands.stream().map(ServerMeta::text).toList());
        } catch (NoSuchStatementException e) {
            throw batchOfMissingStatement();
        } finally {
            exited(h);
        }
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues) {
        busy.enter(h);
        try {
            return super.executeBatch(used(h), parameterValues);
        } catch (NoSuchStatementException e) {
            throw batchOfMissingStatement();
        } finally {
            exited(h);
        }
    }

    @Override
    public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> updateBatches) {
        busy.enter(h);
        try {
            return super.executeBatchProtobuf(used(h), updateBatches);
        } catch (NoSuchStatementException e) {
            throw batchOfMissingStatement();
        } finally {
            exited(h);
        }
    }

    /**
     * 26000 for a batch whose statement the server no longer holds. Avatica answers such a batch "missing statement"
     * with no update counts, which its client passes over: the batch reported success, and nothing was written.
     */
    private static AvaticaRuntimeException batchOfMissingStatement() {
        return error("the server no longer holds this statement (it sat unused longer than the server's limit, too "
            + "many statements were open, or the server restarted): nothing of the batch ran; prepare or create the "
            + "statement again", INVALID_SQL_STATEMENT_NAME);
    }

    /**
     * {@code h}, checked as the connection's own ({@link StatementOwners#check}), with its connection marked as used:
     * Avatica's cache drops a connection idle longer than its expiry, and only a call that names the connection
     * alone (a prepare, a settings sync) counted as use, so one that ran the same prepared statement, or read a long
     * result, for longer than the expiry was closed under its client.
     */
    private StatementHandle used(StatementHandle h) throws NoSuchStatementException {
        statements.check(h);
        quotas.used(h);
        getConnectionCache().getIfPresent(h.connectionId); // an access: the cache's idle clock starts again
        idle.used(h.connectionId);
        return h;
    }

    @Override
    public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
        throw error("the server closed this result after " + offset + " rows (its statement sat unused longer than "
            + "the server's limit, or too many statements were open); it is not re-run, because the log may have "
            + "grown since: run the query again", INVALID_CURSOR_STATE);
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        busy.enter(h);
        try {
            StatementHandle checked = used(h);
            int[] dated = datedColumns(checked); // before the fetch, which closes a result it reads to its end
            Frame frame = measuredFetch(checked, offset, frameRows(fetchMaxRowCount), 0);
            FrameDates.fetchedToIso(frame.rows, dated);
            return frame;
        } finally {
            exited(h);
        }
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
                                           PrepareCallback callback) throws NoSuchStatementException {
        busy.enter(h);
        try {
            return prepareAndExecuteUsed(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
        } finally {
            exited(h);
        }
    }

    private ExecuteResult prepareAndExecuteUsed(StatementHandle h, String sql, long maxRowCount,
                                                int maxRowsInFirstFrame, PrepareCallback callback)
            throws NoSuchStatementException {
        StatementHandle checked = used(h);
        ExecuteResult result;
        try {
            result = super.prepareAndExecute(checked, text(sql), maxRowCount,
                Math.min(FIRST_ROWS, frameRows(maxRowsInFirstFrame)), callback);
        } catch (RuntimeException e) {
            refuseUnsent(checked); // an ARRAY fails as Avatica reads its first frame
            throw e;
        }
        for (MetaResultSet resultSet : result.resultSets) {
            // a MAP or ROW would fail as the frame is written, or as the client reads it
            Optional<String> unsent = resultSet.signature == null ? Optional.empty()
                : UnsentColumns.of(resultSet.signature.columns);
            if (unsent.isPresent()) {
                refuseUnsent(checked); // closes the result if it is still open (one frame long, it is not)
                throw error(unsent.get(), SqlErrors.FEATURE_NOT_SUPPORTED);
            }
        }
        return filled(checked, isoDates(result), frameRows(maxRowsInFirstFrame));
    }

    /**
     * {@code result} with its open first frame filled up to {@code rows} rows from its result, as far as
     * {@link FrameBytes#LIMIT} lets it ({@link #measuredFetch}; its first {@link #FIRST_ROWS} rows are read before they
     * are measured). Avatica's server cuts a first frame at 100 rows whatever the client asked
     * ({@code JdbcResultSet.create}), so a result of a few thousand rows took a second request for what the first
     * answer could carry, and a fetch size was honoured only from the second frame on. Its dates are counted as the
     * protocol counts them already ({@link #isoDates}).
     */
    private ExecuteResult filled(StatementHandle h, ExecuteResult result, int rows) throws NoSuchStatementException {
        if (result.resultSets.size() != 1) {
            return result; // one statement, one result: the only kind run here
        }
        MetaResultSet set = result.resultSets.get(0);
        Frame first = set.firstFrame;
        if (first == null || first.done || set.signature == null || !(first.rows instanceof List<?> have)
                || have.size() >= rows) {
            return result;
        }
        Frame more;
        try {
            more = measuredFetch(h, first.offset + have.size(), rows - have.size(), FrameBytes.of(have));
        } catch (MissingResultsException e) {
            return result; // no open result to read on: the client's fetch will say so
        }
        FrameDates.fetchedToIso(more.rows, FrameDates.of(set.signature.columns)); // read as a fetch reads them
        List<Object> all = new ArrayList<>(have);
        more.rows.forEach(all::add);
        return new ExecuteResult(List.of(MetaResultSet.create(set.connectionId, set.statementId, set.ownStatement,
            set.signature, Frame.create(first.offset, more.done, all))));
    }

    /**
     * Up to {@code rows} rows of the open result of {@code h} from {@code offset}, as a frame: read a few rows at a
     * time, as many as the rest of {@link FrameBytes#LIMIT} holds at the mean size of the rows read so far, until it
     * has {@code rows}, the result ends, or the rows (with the {@code had} bytes of a first frame's rows before them)
     * hold the limit. A frame cut short is not done: the client fetches on from its end, as after any frame.
     */
    private Frame measuredFetch(StatementHandle h, long offset, int rows, long had)
            throws NoSuchStatementException, MissingResultsException {
        List<Object> taken = new ArrayList<>();
        long bytes = had;
        int next = FIRST_ROWS;
        boolean done = false;
        while (!done && taken.size() < rows && bytes < FrameBytes.LIMIT) {
            Frame part = super.fetch(h, offset + taken.size(), Math.min(next, rows - taken.size()));
            int before = taken.size();
            for (Object row : part.rows) {
                taken.add(row);
                bytes += FrameBytes.ofRow(row);
            }
            done = part.done;
            if (taken.size() == before) {
                break; // no row, yet not done: the client's next fetch asks again
            }
            long mean = Math.max(1, bytes / Math.max(1, taken.size()));
            next = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (FrameBytes.LIMIT - bytes) / mean));
        }
        return Frame.create(offset, done, taken);
    }

    /**
     * Throws 0A000 if the open result of {@code h} has a column a remote connection cannot read
     * ({@link UnsentColumns}), closing the result first.
     */
    private void refuseUnsent(StatementHandle h) {
        Optional<String> unsent;
        try {
            ResultSet last = openResult(h);
            if (last == null) {
                return;
            }
            unsent = UnsentColumns.of(last.getMetaData());
            if (unsent.isPresent()) {
                last.close();
            }
        } catch (SQLException e) {
            return; // the caller's own failure says what is wrong
        }
        if (unsent.isPresent()) {
            throw error(unsent.get(), SqlErrors.FEATURE_NOT_SUPPORTED);
        }
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        busy.enter(h);
        try {
            int rows = frameRows(maxRowsInFirstFrame);
            return filled(h, isoDates(super.execute(used(h), parameterValues, Math.min(FIRST_ROWS, rows))), rows);
        } finally {
            exited(h);
        }
    }

    /** {@code result}'s first frames with their dates counted as the protocol counts them ({@link FrameDates}). */
    private static ExecuteResult isoDates(ExecuteResult result) {
        for (MetaResultSet resultSet : result.resultSets) {
            if (resultSet.signature != null && resultSet.firstFrame != null) {
                FrameDates.firstFrameToIso(resultSet.firstFrame.rows, FrameDates.of(resultSet.signature.columns));
            }
        }
        return result;
    }

    /** The TIMESTAMP and DATE columns of the open result of {@code h}, or none (no result, or one closed). */
    private int[] datedColumns(StatementHandle h) {
        try {
            ResultSet open = openResult(h);
            return open == null ? new int[0] : FrameDates.of(open.getMetaData());
        } catch (SQLException e) {
            return new int[0]; // Avatica's fetch says what is wrong with the result
        }
    }

    /** The open result of {@code h}, or null: no statement, no result yet, none (an INSERT, a SET, DDL), or closed. */
    private ResultSet openResult(StatementHandle h) throws SQLException {
        StatementInfo info = getStatementCache().getIfPresent(h.id);
        // after an INSERT, a SET or DDL the statement's result is initialized, and null
        ResultSet result = info == null || !info.isResultSetInitialized() ? null : info.getResultSet();
        return result == null || result.isClosed() ? null : result;
    }

    /**
     * The rows of one frame: what the client asked for, at most the limit; a negative ask (no limit) or 0 is the limit.
     * 0 is what a stock Avatica client sends for {@code setFetchSize(0)} (JDBC: "the driver decides"); answered with
     * frames of 0 rows, such a client ended its result after the first frame, or at once.
     */
    private int frameRows(int asked) {
        return asked <= 0 || asked > limits.maxFrameRows() ? limits.maxFrameRows() : asked;
    }

    /** Closes every connection (the cache's removal listener closes each). */
    void closeAll() {
        getConnectionCache().invalidateAll();
        getStatementCache().invalidateAll();
    }

    private static AvaticaRuntimeException error(String message, String sqlState) {
        return new AvaticaRuntimeException(message, 0, sqlState, AvaticaSeverity.ERROR);
    }
}
