package dev.hindsight.sql;

import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.AppendResult;
import dev.hindsight.log.AppendedEvent;
import dev.hindsight.log.Source;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;

/**
 * The JDBC connection a client gets: Calcite's, with the two things Calcite's statements cannot do for an event log.
 * <ul>
 *   <li>{@code executeBatch()} is one atomic append: the batch's INSERTs run as usual but only collect their rows,
 *       which are then appended with one log call, all or nothing (Calcite would append each parameter set on its
 *       own);</li>
 *   <li>{@code getGeneratedKeys()} returns one row per event the last INSERT or batch appended: {@code seq},
 *       {@code version}, {@code event_id}.</li>
 * </ul>
 * It also runs the two fast paths of prepared statements, {@link InsertFastPath} and {@link ScanFastPath}, when their
 * parameters are plain. Everything else goes straight to Calcite. Built with dynamic proxies, so the wrapper stays a
 * few methods long instead of re-declaring all of {@code Connection} and {@code PreparedStatement}.
 */
final class SessionConnection {

    private SessionConnection() {
    }

    /**
     * @param fastPath whether prepared single-row INSERTs ({@link InsertFastPath}) and one-stream reads
     *                 ({@link ScanFastPath}) may skip Calcite's generated code
     */
    static Connection wrap(Connection calcite, SqlSession session, boolean fastPath) {
        Connection[] self = new Connection[1];
        // the open fast result set of each fast-read statement (weakly: a dropped statement drops its entry), so
        // that closing the connection closes them as it closes Calcite's
        java.util.Set<ResultSet[]> fastResults =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));
        self[0] = (Connection) Proxy.newProxyInstance(SessionConnection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                if (isIdentity(method)) {
                    return identity(proxy, method, args);
                }
                if (method.getName().equals("unwrap") && args[0] == SqlSession.class) {
                    return session; // for the engine's own tests
                }
                if (method.getName().equals("close")) {
                    synchronized (fastResults) {
                        for (ResultSet[] holder : fastResults) {
                            if (holder[0] != null) {
                                holder[0].close();
                            }
                        }
                    }
                }
                Object result = invoke(calcite, method, args);
                if (result instanceof Statement st && method.getName().matches("createStatement|prepareStatement")) {
                    boolean prepared = fastPath && method.getName().equals("prepareStatement");
                    InsertFastPath insert = prepared ? InsertFastPath.recognise((String) args[0]) : null;
                    ScanFastPath scan = prepared ? ScanFastPath.take((String) args[0]) : null;
                    return statement(st, self[0], calcite, session, insert, scan, fastResults);
                }
                return result;
            });
        return self[0];
    }

    private static Statement statement(Statement calcite, Connection owner, Connection calciteConnection,
                                       SqlSession session, InsertFastPath insert, ScanFastPath scan,
                                       java.util.Set<ResultSet[]> fastResults) throws SQLException {
        Class<?> type = calcite instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        int parameterCount = Math.max(insert == null ? 0 : insert.parameterCount(),
            scan == null ? 0 : scan.parameterCount());
        Parameters params = insert == null && scan == null ? null : new Parameters(parameterCount);
        TimeZone timeZone = scan == null ? null : ((AvaticaConnection) calciteConnection).getTimeZone();
        ResultSet[] fastResult = {null}; // the open result set of the last fast execution, if it was one
        ResultSet[] guard = {null, null}; // the statement's current result set and its guard (one per result set)
        if (scan != null) {
            fastResults.add(fastResult);
        }
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (isIdentity(method)) {
                return identity(proxy, method, args);
            }
            if (fastResult[0] != null
                && (name.startsWith("execute") || name.equals("close") || name.equals("getMoreResults"))) {
                fastResult[0].close(); // executing again, or closing: the fast result set closes as Calcite's would
                fastResult[0] = null;
            }
            if (params != null) {
                if (insert != null && (name.equals("executeUpdate") || name.equals("executeLargeUpdate"))
                    && args == null) {
                    Long appended = params.tryInsert(insert, session);
                    if (appended != null) {
                        return name.equals("executeUpdate") ? (Object) appended.intValue() : (Object) appended;
                    }
                } else if (scan != null && name.equals("executeQuery") && args == null) {
                    Object[] values = params.plainValues();
                    if (values != null && calcite.getLargeMaxRows() == 0) {
                        ResultSet open = calcite.getResultSet(); // Calcite closes it before each execution
                        if (open != null) {
                            open.close();
                        }
                        fastResult[0] = scan.execute((AvaticaPreparedStatement) calcite, timeZone, values);
                        if (fastResult[0] != null) {
                            session.countFastPathRead();
                            return guarded(fastResult[0], guard, (Statement) proxy);
                        }
                    }
                } else if (name.equals("clearParameters")
                    || name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                    params.record(name, args); // a parameter setter: (index, value, ...), not setFetchSize(n)
                }
            }
            Object result = switch (name) {
                case "executeBatch" -> executeBatch(calcite, session);
                case "executeLargeBatch" -> toLongs(executeBatch(calcite, session));
                case "getGeneratedKeys" -> generatedKeys(calciteConnection, session.lastAppend());
                case "getResultSet" -> fastResult[0] != null ? fastResult[0] : running(calcite, method, args);
                case "getConnection" -> owner;
                default -> running(calcite, method, args);
            };
            if (result instanceof ResultSet rs && (name.equals("executeQuery") || name.equals("getResultSet"))) {
                return guarded(rs, guard, (Statement) proxy);
            }
            return result;
        };
        return (Statement) Proxy.newProxyInstance(SessionConnection.class.getClassLoader(), new Class<?>[] {type},
            handler);
    }

    /** Setters whose value the fast path reads exactly as Calcite does (a set lookup: this runs per parameter). */
    private static final java.util.Set<String> PLAIN_SETTERS = java.util.Set.of("setString", "setLong", "setInt",
        "setShort", "setByte", "setObject", "setNull");

    /** The parameters of a prepared statement that has a fast path, as far as they are plain values. */
    private static final class Parameters {
        private final Object[] values;
        private final boolean[] set;
        private boolean plain = true;

        Parameters(int count) {
            values = new Object[count];
            set = new boolean[count];
        }

        void record(String setter, Object[] args) {
            if (setter.equals("clearParameters")) {
                java.util.Arrays.fill(values, null);
                java.util.Arrays.fill(set, false);
                plain = true;
                return;
            }
            boolean simple = args != null && args.length == 2 && args[0] instanceof Integer
                && PLAIN_SETTERS.contains(setter);
            int index = simple ? (Integer) args[0] - 1 : -1;
            if (!simple || index < 0 || index >= values.length) {
                plain = false; // a value the fast path does not read the way Calcite does: let Calcite run it
                return;
            }
            values[index] = setter.equals("setNull") ? null : args[1];
            set[index] = true;
        }

        /** The values, if every parameter is set with a plain setter; else {@code null} (Calcite then runs it). */
        Object[] plainValues() {
            if (!plain) {
                return null;
            }
            for (boolean b : set) {
                if (!b) {
                    return null; // Calcite reports the unset parameter
                }
            }
            return values;
        }

        /** The number of events appended, or {@code null} if this execution must go through Calcite. */
        Long tryInsert(InsertFastPath path, SqlSession session) throws SQLException {
            if (session.batching() || plainValues() == null) {
                return null;
            }
            try {
                AppendRequest request = path.request(values);
                return request == null ? null : EventsTable.appendOne(session, request);
            } catch (AvaticaClientRuntimeException e) {
                throw new SQLException(e.getMessage(), e.getSqlState(), e);
            }
        }
    }

    private static int[] executeBatch(Statement calcite, SqlSession session) throws SQLException {
        session.beginBatch();
        int[] counts;
        List<AppendRequest> collected;
        try {
            counts = calcite.executeBatch();
        } finally {
            collected = session.endBatch(); // if a row failed, its exception leaves here and nothing is appended
        }
        if (!collected.isEmpty()) {
            try {
                session.lastAppend(session.log().appendAll(collected, Source.SQL));
            } catch (RuntimeException e) {
                RuntimeException mapped = SqlErrors.fromAppend(e);
                String state = mapped instanceof AvaticaClientRuntimeException a ? a.getSqlState() : null;
                throw new BatchUpdateException(mapped.getMessage() + " (the whole batch was refused; nothing written)",
                    state, 0, new int[0], e);
            }
        }
        return counts;
    }

    private static ResultSet generatedKeys(Connection calcite, AppendResult last) throws SQLException {
        String sql;
        if (last == null || last.events().isEmpty()) {
            sql = "SELECT * FROM (VALUES (CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST('' AS VARCHAR))) "
                + "AS k(seq, version, event_id) WHERE seq < 0";
        } else {
            StringJoiner rows = new StringJoiner(", ");
            for (AppendedEvent e : last.events()) {
                rows.add("(CAST(" + e.seq() + " AS BIGINT), CAST(" + e.version() + " AS BIGINT), CAST('"
                    + e.eventId() + "' AS VARCHAR))");
            }
            sql = "SELECT * FROM (VALUES " + rows + ") AS k(seq, version, event_id)";
        }
        Statement st = calcite.createStatement();
        st.closeOnCompletion();
        return st.executeQuery(sql);
    }

    private static long[] toLongs(int[] counts) {
        long[] out = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i];
        }
        return out;
    }

    /** {@link #invoke} of something that runs a statement: a failure leaves as an SQLException with a SQLState. */
    private static Object running(Object target, Method method, Object[] args) throws Throwable {
        try {
            return invoke(target, method, args);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.fromExecution(e);
        }
    }

    /**
     * {@code rs} as the client sees it: Calcite computes rows inside {@code next()} and lets their failures (a cast
     * of text that is no number, say) through as they are; here they leave as SQLExceptions with a SQLState.
     */
    private static ResultSet guarded(ResultSet rs, ResultSet[] guard, Statement owner) {
        if (guard[0] != rs) {
            guard[0] = rs;
            guard[1] = (ResultSet) Proxy.newProxyInstance(SessionConnection.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getStatement")) {
                        return owner;
                    }
                    if (isIdentity(method)) {
                        return identity(proxy, method, args);
                    }
                    return running(rs, method, args);
                });
        }
        return guard[1];
    }

    /** {@code equals}/{@code hashCode}: a proxy answers them by its own identity (the wrapped object cannot). */
    private static boolean isIdentity(Method method) {
        return method.getName().equals("equals") && method.getParameterCount() == 1
            || method.getName().equals("hashCode") && method.getParameterCount() == 0;
    }

    private static Object identity(Object proxy, Method method, Object[] args) {
        return method.getName().equals("equals") ? proxy == args[0] : System.identityHashCode(proxy);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
