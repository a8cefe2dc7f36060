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

    static Connection wrap(Connection calcite, SqlSession session) {
        Connection[] self = new Connection[1];
        self[0] = (Connection) Proxy.newProxyInstance(SessionConnection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                Object result = invoke(calcite, method, args);
                if (result instanceof Statement st && method.getName().matches("createStatement|prepareStatement")) {
                    return statement(st, self[0], calcite, session);
                }
                return result;
            });
        return self[0];
    }

    private static Statement statement(Statement calcite, Connection owner, Connection calciteConnection,
                                       SqlSession session) {
        Class<?> type = calcite instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "executeBatch" -> executeBatch(calcite, session);
            case "executeLargeBatch" -> toLongs(executeBatch(calcite, session));
            case "getGeneratedKeys" -> generatedKeys(calciteConnection, session.lastAppend());
            case "getConnection" -> owner;
            default -> invoke(calcite, method, args);
        };
        return (Statement) Proxy.newProxyInstance(SessionConnection.class.getClassLoader(), new Class<?>[] {type},
            handler);
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
