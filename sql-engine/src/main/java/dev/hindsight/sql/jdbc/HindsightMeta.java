package dev.hindsight.sql.jdbc;

import dev.hindsight.log.AppendRequest;
import dev.hindsight.sql.BatchCommands;
import dev.hindsight.sql.DeferredDdl;
import dev.hindsight.sql.EventsTable;
import dev.hindsight.sql.FastPath;
import dev.hindsight.sql.HindsightSchema;
import dev.hindsight.sql.InsertFastPath;
import dev.hindsight.sql.KeyedTable;
import dev.hindsight.sql.PlanCache;
import dev.hindsight.sql.QueryCanceledException;
import dev.hindsight.sql.Returning;
import dev.hindsight.sql.ScanFastPath;
import dev.hindsight.sql.SqlSession;
import dev.hindsight.sql.StatementEnd;
import dev.hindsight.sql.StatementStop;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.ExtensibleCalciteMetaImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The connection's {@code Meta}: Calcite's, with what an event log adds. Everything a statement does passes through
 * here, embedded or (with the server) remote, so this is where Hindsight's statement behaviour lives:
 * <ul>
 *   <li>{@link #prepareAndExecute}: an ad-hoc query's plan, or a plain single-row INSERT's fast path, comes from the
 *       connection's {@link PlanCache} when its text, or its text with other literals, was seen before;</li>
 *   <li>{@link #execute}: a statement's {@link FastPath} (prepared single-row INSERT, one-stream read) runs here when
 *       its parameters are plain; a fast read's rows are the first and only frame;</li>
 *   <li>{@link #executeBatch} and {@link #prepareAndExecuteBatch}: a JDBC batch is one atomic append: its INSERTs
 *       only collect their events, which are then appended with one log call, all or nothing; a batch of INSERTs
 *       holds nothing else, and no batch a query ({@link BatchCommands});</li>
 *   <li>errors leave every entry point as Avatica's client exception with the SQLState of SPEC §2 ({@link
 *       SqlErrors}), the one exception type Avatica hands on with its state, locally and over the wire;</li>
 *   <li>{@code getPrimaryKeys} from the tables' {@link KeyedTable} declarations ({@link PrimaryKeys}; Calcite answers
 *       none), {@code getTypeInfo} with plain SQL type names ({@link JdbcTypeInfo}).</li>
 * </ul>
 * One per connection, created by {@link HindsightCalciteDriver#createMeta}; used from the connection's thread, as the
 * connection is.
 */
final class HindsightMeta extends ExtensibleCalciteMetaImpl {

    private final CalciteConnection calcite;
    private @Nullable SqlSession session;
    /**
     * Per statement id, the parameter values {@link #execute} made to fit their types ({@link ParameterTypes}):
     * Avatica's result set then asks {@link #createIterable} with no values, and Calcite reads the statement's own,
     * unconverted ones.
     */
    private final Map<Integer, List<TypedValue>> conformed = new ConcurrentHashMap<>();
    /** The statement whose batch runs its statements now, one run ({@link #starting}); -1: none. */
    private volatile int batchRunning = -1;

    HindsightMeta(AvaticaConnection connection, CalciteMetaTableFactory tables, CalciteMetaColumnFactory columns) {
        super(connection, tables, columns);
        this.calcite = (CalciteConnection) connection;
        // Avatica takes unset values for read-only and (!) not auto-commit; a connection starts writable, auto-commit
        connProps.setReadOnly(false);
        connProps.setAutoCommit(true);
        connProps.setDirty(false);
    }

    /** {@code setReadOnly} and the other connection settings; read-only reaches the session (25006 on a write). */
    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties properties) {
        if (properties.isAutoCommit() != null) {
            try {
                session().autoCommit(properties.isAutoCommit()); // on again: commits first, which may fail
            } catch (RuntimeException e) {
                throw SqlErrors.reported(SqlErrors.fromAppend(e));
            }
        }
        if (properties.isReadOnly() != null) { // before Avatica notes it: refused (25001) while INSERTs are held
            try {
                session().readOnly(properties.isReadOnly());
            } catch (RuntimeException e) {
                throw SqlErrors.reported(e);
            }
        }
        ConnectionProperties merged = super.connectionSync(ch, properties);
        // what the session is, as both drivers read it back: read-only also when it reads the past (asOf, SET
        // as_of: writes are 25006 there), and READ COMMITTED, the one level there is, whatever was asked
        return new ConnectionPropertiesImpl(merged.isAutoCommit(), session().isReadOnly(),
            Connection.TRANSACTION_READ_COMMITTED, merged.getCatalog(), merged.getSchema());
    }

    /**
     * Appends the transaction's INSERTs as one atomic append (SPEC §2): a version conflict fails the commit with
     * 40001 and writes nothing.
     */
    @Override
    public void commit(ConnectionHandle ch) {
        try {
            session().commit();
        } catch (RuntimeException e) {
            throw SqlErrors.reported(SqlErrors.fromAppend(e));
        }
    }

    @Override
    public void closeStatement(StatementHandle h) {
        conformed.remove(h.id);
        super.closeStatement(h);
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        session().rollback();
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> given, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        starting(h);
        try {
            Signature signature = preparedSignature(h);
            DeferredDdl ddl = deferredDdl(signature);
            if (ddl != null) {
                ddl.run();
                return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id, 0)));
            }
            if (signature.statementType != null && signature.statementType.canUpdate()) {
                session().insertStarting(); // before its parameters are checked: one refused there leaves no keys
            }
            List<TypedValue> parameterValues = ParameterTypes.conform(signature, given);
            if (parameterValues != given) {
                conformed.put(h.id, parameterValues);
            } else {
                conformed.remove(h.id);
            }
            FastPath fast = FastPaths.of(signature);
            Object[] values = fast == null ? null : plain(parameterValues);
            if (fast instanceof InsertFastPath insert && values != null) {
                AppendRequest request = insert.request(values);
                if (request != null) {
                    long appended = EventsTable.appendOne(session(), request);
                    return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id, appended)));
                }
            } else if (fast instanceof ScanFastPath scan && values != null) {
                List<Object> rows = scan.rows(values);
                if (rows != null) {
                    session().countFastPathRead();
                    return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, false, signature,
                        new Frame(0, true, rows))));
                }
            }
            return super.execute(h, parameterValues, maxRowsInFirstFrame);
        } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            throw SqlErrors.reported(e);
        }
    }

    @Override
    public Iterable<Object> createIterable(StatementHandle h, QueryState state, Signature signature,
                                           @Nullable List<TypedValue> parameterValues, @Nullable Frame firstFrame) {
        if (firstFrame != null && firstFrame.done) {
            return firstFrame.rows; // a fast read's rows, or a metadata answer: all there is
        }
        Iterable<Object> rows;
        try {
            List<TypedValue> values = parameterValues == null || parameterValues.isEmpty()
                ? conformed.get(h.id) : ParameterTypes.conform(signature, parameterValues);
            rows = super.createIterable(h, state, signature, values == null ? parameterValues : values, firstFrame);
        } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            throw SqlErrors.reported(e);
        }
        // the generated code starts (and may fail folding a constant: 1 / 0) when Avatica asks for the iterator
        return () -> {
            try {
                return rows.iterator();
            } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
                throw SqlErrors.reported(e);
            }
        };
    }

    /** Calcite's, with a failure reported ({@link SqlErrors#reported}). */
    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        try {
            return super.prepare(ch, sql, maxRowCount);
        } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            throw SqlErrors.reported(e);
        }
    }

    /** An ad-hoc statement: its plan from the {@link PlanCache} when its text or shape was seen, else Calcite's. */
    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String text, long maxRowCount, int maxRowsInFirstFrame,
                                           PrepareCallback callback) throws NoSuchStatementException {
        String sql = StatementEnd.trimmed(text);
        if (h.id != batchRunning) {
            starting(h); // a batch is one run: Calcite's runs each of its statements through here
        }
        try {
            PlanCache cache = session().planCache();
            // not in a batch, which collects its rows through Calcite's plan (appendPlanned's comment): looked up, its
            // statements were counted as hits and a new shape was prepared for nothing
            PlanCache.Planned planned = !cache.enabled() || h.id == batchRunning ? null
                : cache.plan(sql, defaultSchema(), maxRowCount, shape -> prepareShape(h, shape, maxRowCount));
            ExecuteResult result = planned == null ? null
                : planned.signature().statementType.canUpdate() ? appendPlanned(h, planned, callback)
                : runPlanned(h, planned.signature(), callback);
            if (result == null) {
                result = super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame,
                    new PlainStatementCallback(callback, sql));
                DeferredDdl ddl = result.resultSets.isEmpty() ? null : deferredDdl(result.resultSets.get(0).signature);
                if (ddl != null) {
                    ddl.run(); // Calcite's runs no plan for DDL: its statement runs here, once
                }
            }
            return result;
        } catch (SQLException | RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            throw SqlErrors.reported(e);
        }
    }

    /** Runs a query's cached plan, as Calcite's {@code prepareAndExecute} runs the plan it prepares. */
    private ExecuteResult runPlanned(StatementHandle h, CalcitePrepare.CalciteSignature<?> cached,
                                     PrepareCallback callback) throws SQLException, NoSuchStatementException {
        synchronized (callback.getMonitor()) { // as Calcite's own: a cancel waits for the statement to be set
            callback.clear();
            setPreparedSignature(h, cached);
            callback.assign(cached, null, -1);
        }
        callback.execute();
        return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, false, cached, null, -1)));
    }

    /**
     * Appends an INSERT whose plan is cached by its fast path, as a prepared statement's execute does, and gives the
     * callback its count; {@code null} (nothing appended) if a value is not plain (Calcite's path then runs the text).
     * Never for a statement of a batch, which collects its rows through Calcite's path. As Calcite's path, it forgets
     * the last append's keys and checks that the connection may write before it looks at the values: a refused value
     * (22023) left the keys of the append before it, and answered a read-only connection or a {@code read} key 22023,
     * not 25006 or 42501. The callback is given no plan to run: Calcite's batch callback ran an updating statement's
     * plan when told to execute, a second append.
     */
    private @Nullable ExecuteResult appendPlanned(StatementHandle h, PlanCache.Planned planned,
                                                  PrepareCallback callback) throws SQLException {
        if (!(FastPaths.of(planned.signature()) instanceof InsertFastPath insert)) {
            return null;
        }
        long appended;
        synchronized (callback.getMonitor()) {
            callback.clear();
            session().insertStarting();
            session().checkWritable();
            AppendRequest request = insert.request(planned.values().toArray());
            if (request == null) {
                return null;
            }
            appended = EventsTable.appendOne(session(), request);
            callback.assign(planned.signature(), null, appended);
        }
        callback.execute();
        return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id, appended)));
    }

    /** The DDL statement {@code signature} runs when executed ({@link DeferredDdl}), or {@code null}. */
    private static @Nullable DeferredDdl deferredDdl(@Nullable Signature signature) {
        return signature == null ? null : DeferredDdl.of(signature.internalParameters);
    }

    private String defaultSchema() {
        try {
            return String.valueOf(calcite.getSchema());
        } catch (SQLException e) {
            throw SqlErrors.reported(e);
        }
    }

    /**
     * The plan of a lifted shape, prepared as a client's prepared statement would be, or {@code null} if it is
     * neither a query nor an INSERT with a fast path, or fails to prepare (the original text then runs through Calcite,
     * which reports its own error).
     */
    private CalcitePrepare.@Nullable CalciteSignature<?> prepareShape(StatementHandle h, String shape,
                                                                     long maxRowCount) {
        StatementHandle prepared;
        try {
            // not this class's prepare: a failure here is recovered from (the text runs instead), not reported
            prepared = super.prepare(new ConnectionHandle(h.connectionId), shape, maxRowCount);
        } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            return null;
        }
        closeStatement(prepared);
        // Calcite's prepare makes every signature a CalciteSignature; one that is not is no plan to run here
        return prepared.signature instanceof CalcitePrepare.CalciteSignature<?> signature
                && (signature.statementType == StatementType.SELECT
                    || FastPaths.of(signature) instanceof InsertFastPath) ? signature : null;
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException {
        try {
            return super.fetch(h, offset, fetchMaxRowCount);
        } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            throw SqlErrors.reported(e);
        }
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValueLists)
            throws NoSuchStatementException {
        starting(h);
        SqlSession s = session();
        Signature signature = preparedSignature(h);
        if (Returning.isReturning(signature == null ? null : signature.internalParameters)) {
            throw Returning.inBatch(); // Calcite would run it as a query, that is not at all
        }
        if (signature != null && signature.statementType == StatementType.SELECT) {
            throw BatchCommands.queryInBatch("the prepared statement"); // each entry's count was −1
        }
        FastPath fast = FastPaths.of(signature);
        long[] counts = new long[parameterValueLists.size()];
        List<AppendRequest> collected;
        StatementStop stop = batchStop(h, s);
        s.beginBatch();
        try {
            for (int i = 0; i < counts.length; i++) {
                if ((i & CHECKED_EVERY) == 0) {
                    stopped(stop);
                }
                List<TypedValue> values = ParameterTypes.conform(signature, parameterValueLists.get(i));
                Object[] plain = fast instanceof InsertFastPath ? plain(values) : null;
                AppendRequest request = plain == null ? null : ((InsertFastPath) fast).request(plain);
                DeferredDdl ddl = deferredDdl(signature);
                if (request != null) {
                    s.addToBatch(List.of(request));
                    counts[i] = 1;
                } else if (ddl != null) {
                    ddl.run(); // a prepared DDL statement runs once per batch entry, as execute() runs it
                    counts[i] = 0;
                } else {
                    counts[i] = super.execute(h, values, -1).resultSets.get(0).updateCount;
                }
            }
        } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            throw SqlErrors.reported(e); // a row failed: nothing is appended
        } finally {
            collected = s.endBatch();
        }
        stopped(stop); // canceled or out of time before its one append: nothing written
        appendBatch(s, collected);
        return new ExecuteBatchResult(counts);
    }

    /** A batch's rows are checked for a cancel or a timeout every 1,024 (a mask), and before its one append. */
    private static final int CHECKED_EVERY = 1023;

    /**
     * When the batch of {@code h} must stop ({@link StatementStop}): a batch ran to its end whatever a cancel or a
     * timeout said (300,000 rows take seconds); a query checks between batches of its scan.
     */
    private StatementStop batchStop(StatementHandle h, SqlSession s) throws NoSuchStatementException {
        AvaticaStatement statement = connection.statementMap.get(h.id);
        long queryTimeoutMillis = 0;
        try {
            queryTimeoutMillis = statement == null ? 0 : statement.getQueryTimeout() * 1000L;
        } catch (SQLException closed) {
            // a closed statement runs nothing: its batch fails on its own
        }
        return StatementStop.ofBatch(connection.getCancelFlag(h), s, queryTimeoutMillis);
    }

    /** {@code stop}'s check during a batch and before its one append: 57014 saying that nothing was appended. */
    private static void stopped(StatementStop stop) {
        try {
            stop.check();
        } catch (QueryCanceledException e) {
            // the stop's own words (a cancel, a timeout), and what they mean for a batch
            throw SqlErrors.reported(SqlErrors.of(SqlErrors.QUERY_CANCELED, e.getMessage() + " (nothing of the "
                + "batch was appended)"));
        }
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
            throws NoSuchStatementException {
        starting(h);
        for (String sql : sqlCommands) {
            if (Returning.of(sql) != null) {
                throw Returning.inBatch();
            }
        }
        BatchCommands.check(sqlCommands);
        SqlSession s = session();
        StatementStop stop = batchStop(h, s);
        long[] counts = new long[sqlCommands.size()];
        List<AppendRequest> collected;
        s.beginBatch();
        batchRunning = h.id;
        try {
            for (int i = 0; i < counts.length; i++) {
                stopped(stop); // each command is planned and run: checked before each
                counts[i] = super.prepareAndExecuteBatch(h, List.of(sqlCommands.get(i))).updateCounts[0];
            }
        } catch (RuntimeException | LinkageError | AssertionError | VirtualMachineError e) {
            throw SqlErrors.reported(e);
        } finally {
            batchRunning = -1;
            collected = s.endBatch();
        }
        stopped(stop);
        appendBatch(s, collected);
        return new ExecuteBatchResult(counts);
    }

    /**
     * A run of {@code h} begins with its cancel flag down. Avatica raises it on {@code cancel()} and never lowers it,
     * so one cancel failed every later run of the statement with 57014; as in PostgreSQL, a cancel stops the run
     * under way (the scans check the flag, {@code next()} too) and leaves the statement usable. A cancel that comes
     * while nothing runs is dropped with the next run's start, as PostgreSQL drops one for an idle session.
     */
    private void starting(StatementHandle h) throws NoSuchStatementException {
        session().cancels().starting(connection.getCancelFlag(h));
    }

    /** Appends what the batch collected with one log call; a refusal refuses the whole batch. */
    private static void appendBatch(SqlSession s, List<AppendRequest> collected) {
        if (collected.isEmpty()) {
            return;
        }
        s.checkWritable(); // the fast path's rows come here without passing EventsTable.insert
        try {
            s.appendOrHold(collected);
        } catch (RuntimeException e) {
            RuntimeException mapped = SqlErrors.fromAppend(e);
            throw SqlErrors.of(SqlErrors.fromExecution(mapped).getSQLState(),
                mapped.getMessage() + " (the whole batch was refused; nothing written)");
        }
    }

    /**
     * The parameters in their local form, or {@code null} if one is not set (Calcite then reports it). A fast path
     * takes a value only if its local form is plain ({@code String}, {@code Long}, …; see each path).
     */
    private static Object @Nullable [] plain(List<TypedValue> parameterValues) {
        Object[] values = new Object[parameterValues.size()];
        for (int i = 0; i < values.length; i++) {
            TypedValue value = parameterValues.get(i);
            if (value == null) {
                return null;
            }
            values[i] = value.toLocal();
        }
        return values;
    }

    private SqlSession session() {
        if (session == null) {
            // read on first use: the connection is still being built when its Meta is made
            session = Objects.requireNonNull(HindsightSchema.sessionOf(CalciteSchema.from(calcite.getRootSchema())),
                "a Hindsight connection's root schema has its session");
        }
        return session;
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        // the root schema is read per call: the connection is still being built when its Meta is made
        return resultSet(PrimaryKeys.COLUMNS, PrimaryKeys.rows(calcite.getRootSchema(), schema, table));
    }

    /**
     * Calcite's answer, with the catalog argument ignored (there is none: Calcite echoed it into {@code TABLE_CAT},
     * which is null everywhere else) and the patterns read as JDBC's ({@link MetadataPatterns}).
     */
    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                   List<String> typeList) {
        MetaResultSet all = super.getTables(ch, null, MetadataPatterns.widened(schemaPattern),
            MetadataPatterns.widened(tableNamePattern), typeList);
        Predicate<String> schema = MetadataPatterns.matcher(schemaPattern);
        Predicate<String> table = MetadataPatterns.matcher(tableNamePattern);
        return narrowed(all, CatalogNullability.TABLES, row -> {
            MetaTable t = (MetaTable) row;
            return schema.test(t.tableSchem) && table.test(t.tableName);
        });
    }

    /** As {@link #getTables}. */
    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                    Pat columnNamePattern) {
        MetaResultSet all = super.getColumns(ch, null, MetadataPatterns.widened(schemaPattern),
            MetadataPatterns.widened(tableNamePattern), MetadataPatterns.widened(columnNamePattern));
        Predicate<String> schema = MetadataPatterns.matcher(schemaPattern);
        Predicate<String> table = MetadataPatterns.matcher(tableNamePattern);
        Predicate<String> column = MetadataPatterns.matcher(columnNamePattern);
        return narrowed(all, CatalogNullability.COLUMNS, row -> {
            MetaColumn c = (MetaColumn) row;
            return schema.test(c.tableSchem) && table.test(c.tableName) && column.test(c.columnName);
        });
    }

    /** As {@link #getTables}. */
    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        MetaResultSet all = super.getSchemas(ch, null, MetadataPatterns.widened(schemaPattern));
        Predicate<String> schema = MetadataPatterns.matcher(schemaPattern);
        return narrowed(all, CatalogNullability.SCHEMAS, row -> schema.test(((MetaSchema) row).tableSchem));
    }

    /**
     * The rows of a catalog query's answer that {@code keep}, on the same statement, its columns described as
     * allowing NULL but those {@code notNull} names ({@link CatalogNullability}).
     */
    private static MetaResultSet narrowed(MetaResultSet all, Set<String> notNull, Predicate<Object> keep) {
        List<Object> rows = new ArrayList<>();
        for (Object row : all.firstFrame.rows) {
            if (keep.test(row)) {
                rows.add(row);
            }
        }
        // a new signature too: Calcite's reads the rows of the frame it was made with
        CalcitePrepare.CalciteSignature<Object> signature = new CalcitePrepare.CalciteSignature<>("", List.of(),
                Map.of(), null, CatalogNullability.described(all.signature.columns, notNull),
                all.signature.cursorFactory, null, List.of(), -1, null,
                StatementType.SELECT) {
            @Override
            public Enumerable<Object> enumerable(DataContext dataContext) {
                return Linq4j.asEnumerable(rows);
            }
        };
        return MetaResultSet.create(all.connectionId, all.statementId, all.ownStatement, signature,
            new Frame(0, true, rows));
    }

    /** None: no table declares a foreign key ({@link ForeignKeys}: the columns as JDBC names them). */
    @Override
    public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return resultSet(ForeignKeys.COLUMNS, List.of());
    }

    /** As {@link #getImportedKeys}. */
    @Override
    public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return resultSet(ForeignKeys.COLUMNS, List.of());
    }

    /** As {@link #getImportedKeys}. */
    @Override
    public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog, String parentSchema,
                                           String parentTable, String foreignCatalog, String foreignSchema,
                                           String foreignTable) {
        return resultSet(ForeignKeys.COLUMNS, List.of());
    }

    /** None: tables are named by schema alone ({@code TABLE_CAT} is null everywhere), as the supports… answers say. */
    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return resultSet(List.of(ResultColumn.notNull("TABLE_CAT", String.class)), List.of());
    }

    /** The one type {@code getTables} gives: tables (the log's, projections, {@code sys}'s status tables). */
    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return resultSet(List.of(ResultColumn.notNull("TABLE_TYPE", String.class)),
            List.<Object[]>of(new Object[] {"TABLE"}));
    }

    /**
     * None: Hindsight has no user-defined functions (SQL's own are listed by {@code getStringFunctions} and its
     * siblings); Calcite would list the internal markers the parser calls ({@code HINDSIGHT_AS_OF_SEQ}, …).
     */
    @Override
    public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern,
                                      Pat functionNamePattern) {
        return resultSet(List.of(ResultColumn.nullable("FUNCTION_CAT", String.class),
            ResultColumn.nullable("FUNCTION_SCHEM", String.class), ResultColumn.notNull("FUNCTION_NAME", String.class),
            ResultColumn.nullable("REMARKS", String.class), ResultColumn.notNull("FUNCTION_TYPE", Short.class),
            ResultColumn.notNull("SPECIFIC_NAME", String.class)), List.of());
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return resultSet(JdbcTypeInfo.COLUMNS, JdbcTypeInfo.rows(calcite.getTypeFactory().getTypeSystem()));
    }

    private MetaResultSet resultSet(List<ResultColumn> columns, List<Object[]> rows) {
        return createResultSet(Map.of(), ResultColumn.metaData(columns), CursorFactory.ARRAY,
            new Frame(0, true, new ArrayList<Object>(rows)));
    }
}
