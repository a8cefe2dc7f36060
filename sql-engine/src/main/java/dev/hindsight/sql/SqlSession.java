package dev.hindsight.sql;

import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.AppendResult;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import dev.hindsight.projection.Projections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.schema.Table;
import dev.hindsight.sql.jdbc.Access;
import dev.hindsight.sql.jdbc.SqlErrors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: what one SQL connection shares with its tables: the log, the session's time travel point ({@code asOf}
 * property, {@code SET as_of}), a JDBC batch being collected and the last append's keys. A connection is used by one
 * thread at a time, as JDBC expects. Public for the connection's JDBC objects ({@code dev.hindsight.sql.jdbc}), which
 * make one per connection and set its transaction, read-only state and batches.
 */
public final class SqlSession {

    private final EventLog log;
    private volatile AsOf asOf;
    private volatile boolean readOnly;
    /** Milliseconds a statement of this session may run, 0 without a limit ({@link StatementTimeout}). */
    private volatile long statementTimeout;
    /** What {@code RESET statement_timeout} returns to: the connection's {@code statementTimeout} property. */
    private volatile long defaultStatementTimeout;
    /** Milliseconds the thin driver's {@code setQueryTimeout} allows the next statements, 0 for none. */
    private volatile long queryTimeout;
    /** The as-of point the connection was opened with, to tell a session a statement changed. */
    private final @Nullable AsOf openedAsOf;
    private boolean autoCommit = true;
    /**
     * The most text a transaction holds in memory until its commit, in characters of its rows' stream ids, types,
     * names, data and metadata: 64 Mi (some 128 MiB of heap), four times the largest request the server reads. A
     * transaction had no bound: any client allowed to write could hold rows until the server's heap ran out.
     */
    static final long MAX_HELD_CHARS = 64L << 20;
    /** The INSERTs of an open transaction (auto-commit off), appended as one at commit. */
    private final List<AppendRequest> held = new ArrayList<>();
    /**
     * The characters {@link #held} holds, against {@link #MAX_HELD_CHARS}, and taken of the room all transactions share
     * ({@link HeldCharacters}) until the transaction ends.
     */
    private long heldChars;
    /** Rows of a JDBC batch being collected for one append, or {@code null} outside a batch. */
    private List<AppendRequest> batch;
    private AppendResult lastAppend;
    private long fastPathAppends;
    private long fastPathReads;
    private long readAheadScans;
    private final AtomicLong cutBatches = new AtomicLong();

    private final boolean fastPaths;
    private final PlanCache planCache;
    private final ProjectionCatalog catalog;
    private final Access access;
    /** Calcite's user of a connection with no {@code user} property. */
    private static final String DEFAULT_USER = "sa";
    private final String user;
    private final Map<String, ProjectionTable> projectionTables = new ConcurrentHashMap<>();
    private final StatementCancels cancels = new StatementCancels();

    /**
     * @param log           the log the session's tables read and append to
     * @param catalog       the log's projections
     * @param asOf          the session's as-of point ({@code asOf} property), or {@code null} to read the present
     * @param fastPaths     whether statements may take the fast paths (false with the connection property
     *                      fastPath=false)
     * @param planCacheSize the plans of ad-hoc statements kept, 0 for none (connection property {@code planCacheSize})
     */
    public SqlSession(EventLog log, ProjectionCatalog catalog, @Nullable AsOf asOf, boolean fastPaths,
                      int planCacheSize) {
        this(log, catalog, asOf, fastPaths, planCacheSize, Access.ADMIN, null);
    }

    /**
     * As {@link #SqlSession(EventLog, ProjectionCatalog, AsOf, boolean, int)}, with what the connection may do and
     * who it says it is.
     *
     * @param access the connection's access ({@code access} property): appends need write, projection DDL admin
     * @param user   the connection's {@code user} property, what {@code CURRENT_USER} answers; {@code null} or empty
     *               for none ({@code sa}, Calcite's)
     */
    public SqlSession(EventLog log, ProjectionCatalog catalog, @Nullable AsOf asOf, boolean fastPaths,
                      int planCacheSize, Access access, @Nullable String user) {
        this.user = user == null || user.isEmpty() ? DEFAULT_USER : user;
        this.access = access;
        this.log = log;
        this.catalog = catalog;
        this.asOf = asOf;
        this.openedAsOf = asOf;
        this.fastPaths = fastPaths;
        this.planCache = new PlanCache(planCacheSize);
    }

    /** Who the connection says it is: what {@code CURRENT_USER}, {@code SESSION_USER} and {@code USER} answer. */
    String user() {
        return user;
    }

    /** The plans of the connection's ad-hoc statements. */
    public PlanCache planCache() {
        return planCache;
    }

    /**
     * A number that grows with every change to what statements can name (DDL) in this process: a statement prepared
     * under another may name a table that changed, and a pool keeping prepared statements prepares it again.
     */
    public long schemaVersion() {
        return SchemaVersion.current();
    }

    /** The cancels of the session's statements. */
    public StatementCancels cancels() {
        return cancels;
    }

    /** Whether statements may take the fast paths (prepared INSERT, JSON_VALUE) instead of Calcite's own code. */
    boolean fastPaths() {
        return fastPaths;
    }

    /** The log the session's tables read and append to (shared by every connection to its directory). */
    public EventLog log() {
        return log;
    }

    /** The projections of the log. */
    public Projections projections() {
        return catalog.projections();
    }

    /** The session's projection tables, by name. */
    Map<String, Table> projectionTables() {
        return catalog.tables(this, projectionTables);
    }

    /**
     * Refuses DDL in a read-only session, as PostgreSQL refuses it in a read-only transaction (25006), and in a
     * connection without admin access (42501).
     *
     * @throws RuntimeException with SQLState 25006 or 42501 ({@link SqlErrors})
     */
    void checkDdlAllowed() {
        if (asOf != null || readOnly) {
            throw SqlErrors.of(SqlErrors.READ_ONLY_TRANSACTION,
                "cannot create or drop a projection in a read-only connection");
        }
        if (!access.allows(Access.ADMIN)) {
            throw SqlErrors.insufficientPrivilege(access, Access.ADMIN, "CREATE or DROP PROJECTION");
        }
    }

    /** The session's as-of point, or {@code null} when it reads the present. */
    AsOf asOf() {
        return asOf;
    }

    /**
     * {@code SET as_of}: reads as of {@code point}, and refuses writes. Refused with 25001 while the transaction holds
     * INSERTs, as {@link #readOnly} is: the session would say it is read-only and its commit append them.
     */
    void asOf(AsOf point) {
        if (!held.isEmpty()) {
            throw SqlErrors.of("25001", "cannot SET as_of in the middle of a transaction (" + held.size()
                + " INSERT row(s) held): commit or roll back first");
        }
        this.asOf = point;
    }

    /**
     * {@code RESET as_of}: back to the connection's own point (its {@code asOf} property), as PostgreSQL's
     * {@code RESET} returns to the value the connection started with; a connection opened in the past stays there
     * and keeps refusing writes (SPEC §2).
     */
    void resetAsOf() {
        this.asOf = openedAsOf;
    }

    /**
     * The connection's {@code statementTimeout} property: how long a statement may run (milliseconds, or a number and
     * a unit: {@link StatementTimeout}; 0: no limit), until {@code SET statement_timeout} changes it for the session,
     * and what {@code RESET statement_timeout} returns to.
     *
     * @throws IllegalArgumentException naming a value that is none of those
     */
    public void defaultStatementTimeout(String setting) {
        long millis = StatementTimeout.parseMillis(setting);
        this.defaultStatementTimeout = millis;
        this.statementTimeout = millis;
    }

    /**
     * Milliseconds a statement may run, 0 without a limit: the shorter of {@code statement_timeout} and the thin
     * driver's query timeout ({@code SET query_timeout}), as an embedded statement's query timeout and the session's
     * limit both apply ({@link StatementStop}).
     */
    long statementTimeout() {
        return StatementTimeout.shorter(statementTimeout, queryTimeout);
    }

    /** The session's {@code statement_timeout} alone (milliseconds, 0 for none), as {@code SHOW} answers it. */
    long statementTimeoutSetting() {
        return statementTimeout;
    }

    /** The session's {@code query_timeout} alone (milliseconds, 0 for none), as {@code SHOW} answers it. */
    long queryTimeoutSetting() {
        return queryTimeout;
    }

    /** {@code SET query_timeout}, which the thin driver sends for {@code setQueryTimeout}: 0 for none. */
    void queryTimeout(long millis) {
        this.queryTimeout = millis;
    }

    /**
     * Whether a statement changed this session's settings from those it was opened with ({@code SET as_of},
     * {@code SET statement_timeout}, {@code SET query_timeout}): a connection shared by requests must not be reused
     * then, however the statement was spelled.
     */
    public boolean settingsChanged() {
        return !Objects.equals(asOf, openedAsOf) || statementTimeout != defaultStatementTimeout || queryTimeout != 0;
    }

    /** {@code SET statement_timeout}: {@code millis}; {@code RESET}: {@code null}, the connection's default. */
    void statementTimeout(@Nullable Long millis) {
        this.statementTimeout = millis == null ? defaultStatementTimeout : millis;
    }

    /** Whether writes are refused with 25006: the client made the session read-only, or it reads the past. */
    public boolean isReadOnly() {
        return readOnly || asOf != null;
    }

    /**
     * {@code Connection.setReadOnly}: a read-only connection refuses appends with 25006, as PostgreSQL does. A change
     * while the transaction holds INSERTs is refused with 25001, as PostgreSQL's driver refuses it in a transaction:
     * made read-only then, the commit appended them all the same.
     *
     * @throws RuntimeException with SQLState 25001 ({@link SqlErrors}) if INSERTs are held and the setting changes
     */
    public void readOnly(boolean readOnly) {
        if (readOnly != this.readOnly && !held.isEmpty()) {
            throw SqlErrors.of("25001", "cannot change the read-only setting in the middle of a transaction ("
                + held.size() + " INSERT row(s) held): commit or roll back first");
        }
        this.readOnly = readOnly;
    }

    /**
     * Refuses a write in a read-only session (one reading as of a past point, or one the client made read-only) with
     * 25006, and one in a connection without write access with 42501.
     *
     * @throws RuntimeException with SQLState 25006 or 42501 ({@link SqlErrors})
     */
    public void checkWritable() {
        if (asOf != null) {
            throw SqlErrors.readOnlySession(openedAsOf != null);
        }
        if (readOnly) {
            throw SqlErrors.of(SqlErrors.READ_ONLY_TRANSACTION,
                "cannot append in a read-only connection (Connection.setReadOnly(true))");
        }
        if (!access.allows(Access.WRITE)) {
            throw SqlErrors.insufficientPrivilege(access, Access.WRITE, "an INSERT into events");
        }
    }

    /**
     * Appends {@code requests} now, or holds them for the transaction's commit when auto-commit is off (SPEC §2:
     * held rows are not visible, not even to this connection, until then).
     *
     * @return what was appended, or {@code null} if the requests were held
     */
    public @Nullable AppendResult appendOrHold(List<AppendRequest> requests) {
        if (!autoCommit) {
            // what the log refuses whatever it holds (JSON that is no object, an id too long) is refused by this
            // INSERT, as in auto-commit, not by the commit, which named no statement; guards wait for the commit
            log.prepare(requests);
            long chars = chars(requests);
            if (heldChars + chars > MAX_HELD_CHARS) {
                throw SqlErrors.of(SqlErrors.PROGRAM_LIMIT_EXCEEDED, "this INSERT would make the transaction hold "
                    + "more than " + MAX_HELD_CHARS + " characters of events (" + held.size() + " row(s) held, "
                    + heldChars + " characters): commit what it holds first, or append in auto-commit; the INSERT was "
                    + "not held, the transaction goes on");
            }
            if (!HeldCharacters.OF_THE_JVM.take(chars)) {
                throw SqlErrors.of(SqlErrors.OUT_OF_MEMORY, "this INSERT would make the open transactions of all "
                    + "connections hold more than " + HeldCharacters.OF_THE_JVM.limit() + " characters of events "
                    + "(an eighth of the heap; " + HeldCharacters.OF_THE_JVM.held() + " held now, " + heldChars
                    + " by this one): commit what this transaction holds, or append in auto-commit; the INSERT was "
                    + "not held, the transaction goes on");
            }
            held.addAll(requests);
            heldChars += chars;
            lastAppend = null; // no keys until the commit
            return null;
        }
        AppendResult result = log.appendAll(requests, Source.SQL);
        lastAppend = result;
        return result;
    }

    private static long chars(List<AppendRequest> requests) {
        long chars = 0;
        for (AppendRequest r : requests) {
            chars += length(r.streamId()) + length(r.entityType());
            for (NewEvent e : r.events()) {
                chars += length(e.name()) + length(e.data()) + length(e.metadata());
            }
        }
        return chars;
    }

    private static int length(@Nullable String text) {
        return text == null ? 0 : text.length();
    }

    boolean autoCommit() {
        return autoCommit;
    }

    /** {@code setAutoCommit}: turning it on commits the open transaction first, as JDBC says. */
    public void autoCommit(boolean on) {
        if (on && !autoCommit) {
            appendHeld();
        }
        autoCommit = on;
    }

    /**
     * Appends the transaction's INSERTs as one atomic append, every guard checked in order; on a refusal nothing is
     * written and the transaction is over (its rows are dropped, as after a rollback). Refused with 25P01 in
     * auto-commit, as JDBC says and PostgreSQL's driver does: there is no transaction, so a caller that believes it
     * committed one is told.
     */
    public void commit() {
        requireTransaction("commit");
        if (held.isEmpty()) {
            lastAppend = null; // a commit of nothing appended nothing: no keys (they were the commit's before it)
        }
        appendHeld();
    }

    private void appendHeld() {
        if (held.isEmpty()) {
            return; // setAutoCommit(true) after a commit keeps its keys
        }
        List<AppendRequest> rows = List.copyOf(held);
        long chars = heldChars;
        held.clear();
        heldChars = 0;
        lastAppend = null; // a refused commit leaves no keys
        try {
            lastAppend = log.appendAll(rows, Source.SQL);
        } finally {
            HeldCharacters.OF_THE_JVM.give(chars); // once the rows are written or refused: till then, in the heap
        }
    }

    /** Drops the transaction's INSERTs; refused with 25P01 in auto-commit, as {@link #commit}. */
    public void rollback() {
        requireTransaction("roll back");
        dropHeld();
    }

    /** The connection closes: an open transaction's INSERTs are dropped, as by a rollback. */
    public void close() {
        dropHeld();
    }

    private void dropHeld() {
        held.clear();
        HeldCharacters.OF_THE_JVM.give(heldChars);
        heldChars = 0;
    }

    private void requireTransaction(String what) {
        if (autoCommit) {
            throw SqlErrors.of(SqlErrors.NO_ACTIVE_SQL_TRANSACTION, "cannot " + what + ": the connection is in"
                + " auto-commit mode, so there is no transaction (setAutoCommit(false) starts one)");
        }
    }

    /** Starts collecting the INSERTs of a JDBC batch instead of appending each. */
    public void beginBatch() {
        batch = new ArrayList<>();
        lastAppend = null;
    }

    boolean batching() {
        return batch != null;
    }

    /** Adds rows to the batch being collected ({@link #beginBatch}). */
    public void addToBatch(List<AppendRequest> requests) {
        batch.addAll(requests);
    }

    /** Ends the batch: returns what it collected (possibly nothing) and stops collecting. */
    public List<AppendRequest> endBatch() {
        List<AppendRequest> collected = batch;
        batch = null;
        return collected == null ? List.of() : collected;
    }

    /**
     * An INSERT starts: the last append's keys are forgotten, so that one refused leaves no keys (an empty
     * {@code getGeneratedKeys()}, as PostgreSQL's driver answers), not those of the append before it, the position of
     * an event the refused statement did not write.
     */
    public void insertStarting() {
        lastAppend = null;
    }

    /**
     * The connection passes to another caller (a pool of connections shared by requests): what it appended is not
     * theirs to read in {@code sys.last_append} (it showed the previous request's seq, version and event id), nor
     * what it ran in {@code sys.statements} ({@link PlanCache#handedOver}).
     */
    public void handedOver() {
        lastAppend = null;
        planCache().handedOver();
    }

    /** What the connection's last INSERT (or batch) appended, for {@code getGeneratedKeys()}; may be null. */
    AppendResult lastAppend() {
        return lastAppend;
    }

    /** How many INSERTs took the fast path ({@link InsertFastPath}); tests check it is used. */
    long fastPathAppends() {
        return fastPathAppends;
    }

    void countFastPathAppend() {
        fastPathAppends++;
    }

    /** How many prepared reads took the fast path ({@link ScanFastPath}); tests check it is used. */
    long fastPathReads() {
        return fastPathReads;
    }

    /** Counts a prepared read that took the fast path. */
    public void countFastPathRead() {
        fastPathReads++;
    }

    /** How many scans were read ahead by worker threads ({@link ReadAhead}); tests check it is used. */
    long readAheadScans() {
        return readAheadScans;
    }

    void countReadAheadScan() {
        readAheadScans++;
    }

    /** How many batches of a scan were cut short by the size of their rows (read on in parts); tests check it. */
    long cutBatches() {
        return cutBatches.get();
    }

    /** Counts a cut batch; called from scan workers too. */
    void countCutBatch() {
        cutBatches.incrementAndGet();
    }
}
