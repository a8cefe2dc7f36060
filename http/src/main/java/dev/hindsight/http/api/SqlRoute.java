package dev.hindsight.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.http.auth.Role;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.AuthHandler;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.http.server.ServerContext;
import dev.hindsight.jdbc.spi.SqlText;
import io.undertow.server.HttpServerExchange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/sql} with {@code {"sql": "...", "params": [...]}}: a query answers {@code 200}
 * {@code {columns:[{name,type}], rows:[[...]]}}, streamed row by row; any other statement {@code {updateCount}}.
 * Runs on a pooled connection opened with the caller's role ({@code access=read|write|admin}), so repeated shapes
 * hit that connection's plan cache and the engine refuses what the role may not do ({@code 403}). SQL errors map
 * to statuses by SQLState ({@link SqlErrors}).
 *
 * <p>HTTP is stateless: a session statement ({@code SET}, {@code RESET}) or a transaction left open affects only the
 * request that sent it; the connection it ran on is closed rather than reused.
 */
final class SqlRoute {

    private static final Set<String> FIELDS = Set.of("sql", "params");
    private static final Pattern SESSION_STATEMENT = Pattern.compile("^\\s*(SET|RESET)\\b",
        Pattern.CASE_INSENSITIVE);

    /** The first words of a statement that only reads: one an Idempotency-Key can ride along ({@link #isQuery}). */
    private static final List<String> QUERY_WORDS = List.of("select", "with", "values", "explain", "table");

    private final ServerContext context;

    SqlRoute(ServerContext context) {
        this.context = context;
    }

    /** Answers from the body, received whole ({@link dev.hindsight.http.server.BodyRoute}), on a blocking worker. */
    void answer(HttpServerExchange exchange, byte[] bytes) throws Exception {
        JsonNode body = JsonBodies.parse(bytes);
        if (!body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object {\"sql\": \"...\", \"params\": [...]}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.badRequest("unknown field " + name + ": the body has sql and params");
            }
        }
        JsonNode sqlNode = body.get("sql");
        if (sqlNode == null || !sqlNode.isTextual() || sqlNode.asText().isBlank()) {
            throw ApiError.badRequest("field sql must be a non-empty string, was "
                + (sqlNode == null ? "missing" : sqlNode.toString()));
        }
        JsonNode params = body.get("params");
        if (params != null && !params.isNull() && !params.isArray()) {
            throw ApiError.badRequest("field params must be an array, was " + params.getNodeType());
        }
        String sql = sqlNode.asText();
        if (exchange.getRequestHeaders().contains(AppendRoute.IDEMPOTENCY_KEY) && !isQuery(sql)) {
            // a retry of an INSERT sent here would append again: refused rather than ignored, nothing run (a query
            // with the key, which some clients send on every POST, is idempotent as it is)
            throw ApiError.badRequest("Idempotency-Key is taken by POST /v1/streams/{streamId}/events; POST /v1/sql "
                + "does not deduplicate a retried statement that writes (an INSERT's expected_version guard makes "
                + "a retry safe)");
        }
        Role role = exchange.getAttachment(AuthHandler.ROLE);
        Connection connection = context.sql().acquire(role);
        boolean reusable = !SESSION_STATEMENT.matcher(sql).find();
        try {
            run(exchange, connection, sql, params == null || params.isNull() ? null : params);
        } catch (SQLException e) {
            // a statement's own error (a version guard, bad data, a typo) leaves the session as it was: the connection
            // goes on serving with its plan cache and kept statements (closing it cost the next requests their
            // preparations); anything else, or a failure once rows went out, closes it
            reusable = reusable && !exchange.isResponseStarted() && ownError(e.getSQLState());
            throw SqlErrors.of(e);
        } catch (Error e) {
            reusable = false; // an OutOfMemoryError outside the engine's statement: nothing says what it left behind
            throw e;
        } finally {
            context.sql().release(role, connection, reusable);
        }
    }

    /** Whether {@code sqlState} is a statement's own error: data (22), a constraint (23), a conflict, syntax (42). */
    private static boolean ownError(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.startsWith("42")
            || sqlState.startsWith("07") || sqlState.equals("40001"));
    }

    /**
     * Whether {@code sql} only reads, by its first word after comments and opening parentheses, found as the parser
     * finds it ({@link SqlText#firstWord}: a line comment ends at a carriage return too, and {@code //} starts one).
     */
    private static boolean isQuery(String sql) {
        for (String word : QUERY_WORDS) {
            if (SqlText.firstWordIs(sql, word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code sql}: with {@code params} (even none) as a prepared statement, kept prepared on the connection
     * ({@link dev.hindsight.http.server.SqlConnections#prepared}), so that a {@code ?} left without a value is an error
     * (22023) rather than a NULL; without, as a plain statement through the plan cache.
     */
    private void run(HttpServerExchange exchange, Connection connection, String sql, JsonNode params)
            throws Exception {
        if (params == null) {
            try (Statement statement = connection.createStatement()) {
                answer(exchange, statement, statement.execute(sql));
            }
        } else {
            // kept prepared on the connection for the next request with this text; closed with the connection
            PreparedStatement statement = context.sql().prepared(connection, sql);
            try {
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, parameter(params.get(i), i));
                }
                answer(exchange, statement, statement.execute());
            } finally {
                statement.clearParameters(); // a kept statement held on to the request's values (up to a body each)
            }
        }
    }

    private static void answer(HttpServerExchange exchange, Statement statement, boolean isQuery) throws Exception {
        if (!isQuery) {
            long count = Math.max(statement.getLargeUpdateCount(), 0);
            JsonResponses.send(exchange, 200, g -> {
                g.writeStartObject();
                g.writeNumberField("updateCount", count);
                g.writeEndObject();
            });
            return;
        }
        try (ResultSet rs = statement.getResultSet()) {
            boolean first = rs.next(); // before the status is sent: most failures show here and get their own
            JsonResponses.send(exchange, 200, g -> {
                try {
                    SqlResultWriter.write(g, rs, first);
                } catch (SQLException e) {
                    throw new SqlStreamException(e);
                }
            });
        } catch (SqlStreamException e) {
            throw e.sqlException();
        }
    }

    /** A parameter as JDBC takes it: null, boolean, long, BigDecimal, or the text of anything else. */
    private static Object parameter(JsonNode value, int index) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isContainerNode()) {
            return value.toString(); // a JSON object or array as text, e.g. for data in an INSERT
        }
        throw ApiError.badRequest("params[" + index + "] has an unsupported type " + value.getNodeType());
    }
}
