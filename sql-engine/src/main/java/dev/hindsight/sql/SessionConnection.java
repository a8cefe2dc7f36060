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
 * Everything else goes straight to Calcite. Built with dynamic proxies, so the wrapper stays a few methods long
 * instead of re-declaring all of {@code Connection} and {@code PreparedStatement}.
 */
final class SessionConnection {

    private SessionConnection() {
    }

    /**
     * @param fastPath whether prepared single-row INSERTs may skip Calcite's generated code ({@link InsertFastPath})
     */
    static Connection wrap(Connection calcite, SqlSession session, boolean fastPath) {
        Connection[] self = new Connection[1];
        self[0] = (Connection) Proxy.newProxyInstance(SessionConnection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                if (method.getName().equals("unwrap") && args[0] == SqlSession.class) {
                    return session; // for the engine's own tests
                }
                Object result = invoke(calcite, method, args);
                if (result instanceof Statement st && method.getName().matches("createStatement|prepareStatement")) {
                    InsertFastPath path = fastPath && method.getName().equals("prepareStatement")
                        ? InsertFastPath.recognise((String) args[0]) : null;
                    return statement(st, self[0], calcite, session, path);
                }
                return result;
            });
        return self[0];
    }

    private static Statement statement(Statement calcite, Connection owner, Connection calciteConnection,
                                       SqlSession session, InsertFastPath fastPath) {
        Class<?> type = calcite instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        Parameters params = fastPath == null ? null : new Parameters(fastPath.parameterCount());
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (params != null) {
                if ((name.equals("executeUpdate") || name.equals("executeLargeUpdate")) && args == null) {
                    Long appended = params.tryFastPath(fastPath, session);
                    if (appended != null) {
                        return name.equals("executeUpdate") ? (Object) appended.intValue() : (Object) appended;
                    }
                } else if (name.startsWith("set") || name.equals("clearParameters")) {
                    params.record(name, args);
                }
            }
            return switch (name) {
                case "executeBatch" -> executeBatch(calcite, session);
                case "executeLargeBatch" -> toLongs(executeBatch(calcite, session));
                case "getGeneratedKeys" -> generatedKeys(calciteConnection, session.lastAppend());
                case "getConnection" -> owner;
                default -> invoke(calcite, method, args);
            };
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

        /** The number of events appended, or {@code null} if this execution must go through Calcite. */
        Long tryFastPath(InsertFastPath path, SqlSession session) throws SQLException {
            if (!plain || session.batching()) {
                return null;
            }
            for (boolean b : set) {
                if (!b) {
                    return null; // Calcite reports the unset parameter
                }
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

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
