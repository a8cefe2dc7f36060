package dev.hindsight.http.api;

import dev.hindsight.http.server.ApiError;
import dev.hindsight.log.WrongExpectedVersionException;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP answer to an {@link SQLException}, by SQLState (the body also carries {@code sqlState}):
 *
 * <table>
 *   <caption>SQLState to status</caption>
 *   <tr><th>SQLState</th><th>status</th><th>code</th></tr>
 *   <tr><td>42501 insufficient privilege</td><td>403</td><td>forbidden</td></tr>
 *   <tr><td>40001 version conflict</td><td>409</td><td>version_conflict, with expected and actual version</td></tr>
 *   <tr><td>42P07 duplicate table</td><td>409</td><td>already_exists</td></tr>
 *   <tr><td>42P01 undefined table</td><td>404 (projection routes), 400 (SQL)</td><td>not_found, sql_error</td></tr>
 *   <tr><td>25006 read-only</td><td>400</td><td>read_only</td></tr>
 *   <tr><td>53100 disk full</td><td>507</td><td>storage_full</td></tr>
 *   <tr><td>53200 out of memory</td><td>500</td><td>out_of_memory</td></tr>
 *   <tr><td>57014 canceled (timeout)</td><td>408</td><td>query_canceled</td></tr>
 *   <tr><td>08xxx connection, 57P01 shutting down</td><td>503</td><td>unavailable</td></tr>
 *   <tr><td>XX001 a damaged record in the log</td><td>500</td><td>data_corrupted (the file and excerpt named)</td></tr>
 *   <tr><td>58030 a file not written (a projection's definition)</td><td>500</td><td>io_error (file, reason)</td></tr>
 *   <tr><td>other 07 (parameters), 0A, 21, 22, 23, 42, 54 (too complex) classes</td><td>400</td><td>sql_error</td></tr>
 *   <tr><td>anything else</td><td>500</td><td>internal (message withheld)</td></tr>
 * </table>
 */
final class SqlErrors {

    private static final System.Logger LOG = System.getLogger(SqlErrors.class.getName());
    private static final Pattern CONFLICT =
        Pattern.compile("version conflict on stream '(.*)': expected version (\\d+).*actual version (\\d+)");

    /** Which event of a multi-row append the conflict is at, as the log's message says it. */
    private static final Pattern EVENT_INDEX = Pattern.compile("\\(at event #(\\d+) of the append");

    private SqlErrors() {
    }

    /** The error for {@code e} on a SQL route. */
    static ApiError of(SQLException e) {
        return of(e, false);
    }

    /**
     * The error for {@code e}, thrown while computing a result outside JDBC (a projection's rows for its read route):
     * with the SQLState a statement's failure of the same kind has ({@code 22018} for a cast of text that is no
     * number, {@code 22012} for a division by zero, ...).
     */
    static ApiError ofExecution(RuntimeException e) {
        RuntimeException client = dev.hindsight.sql.jdbc.SqlErrors.toClient(e);
        return of(new SQLException(client.getMessage(), dev.hindsight.sql.jdbc.SqlErrors.stateOf(client), e));
    }

    /** The error for {@code e}; {@code undefinedIsNotFound} answers an unknown table with {@code 404}. */
    static ApiError of(SQLException e, boolean undefinedIsNotFound) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "SQL error " + state : e.getMessage();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("sqlState", state);
        if (state.equals("40001")) {
            conflict(e, message, extra);
        }
        return switch (state) {
            case "42501" -> ApiError.of(403, "forbidden", message, extra);
            case "40001" -> ApiError.of(409, "version_conflict", message, extra);
            case "42P07" -> ApiError.of(409, "already_exists", message, extra);
            case "42P01" -> undefinedIsNotFound ? ApiError.of(404, "not_found", message, extra)
                : ApiError.of(400, "sql_error", message, extra);
            case "25006" -> ApiError.of(400, "read_only", message, extra);
            case "53100" -> ApiError.of(507, "storage_full", message, extra);
            // not 503, which retry middleware re-sends: the same statement would run the heap out again
            case "53200" -> ApiError.of(500, "out_of_memory", message, extra);
            case "55000" -> ApiError.of(409, "projection_failed", message, extra); // its definition did not compile
            case "57014" -> ApiError.of(408, "query_canceled", message, extra);
            case "57P01" -> ApiError.of(503, "unavailable", message, extra);
            case "XX001" -> ApiError.of(500, "data_corrupted", message, extra); // for the operator: ./hindsight verify
            case "58030" -> { // the file and the reason, e.g. a full disk: for the operator too, without a trace
                LOG.log(Level.WARNING, "a SQL statement could not write a file: " + message);
                yield ApiError.of(500, "io_error", message, extra);
            }
            default -> byClass(e, state, message, extra);
        };
    }

    private static ApiError byClass(SQLException e, String state, String message, Map<String, Object> extra) {
        String cls = state.length() >= 2 ? state.substring(0, 2) : "";
        return switch (cls) {
            case "07", "0A", "21", "22", "23", "42", "54", "HY" -> ApiError.of(400, "sql_error", message, extra);
            case "08" -> ApiError.of(503, "unavailable", message, extra);
            // an unexpected fault: its text may describe internals, so the client gets the state only, the log the rest
            default -> {
                if (dev.hindsight.sql.jdbc.SqlErrors.wasReported(e)) {
                    // the SQL layer logged its fault where it happened, with the trace: one line ties the request to it
                    LOG.log(Level.ERROR, "a SQL statement failed with SQLState " + state + " (its fault is logged "
                        + "above): " + message);
                } else {
                    LOG.log(Level.ERROR, "a SQL statement failed with SQLState " + state, e);
                }
                yield ApiError.of(500, "internal", "internal error (SQLState " + state + "): the server's log has "
                    + "the details", extra);
            }
        };
    }

    /**
     * The stream and versions of a conflict: from the log's exception when the cause chain holds it, else from the
     * message, which SPEC §2 makes name them ({@code version conflict on stream 's': expected version N ..., actual
     * version M}).
     */
    private static void conflict(SQLException e, String message, Map<String, Object> extra) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof WrongExpectedVersionException w) {
                extra.put("streamId", w.streamId());
                extra.put("expectedVersion", w.expectedVersion());
                extra.put("actualVersion", w.actualVersion());
                if (w.eventIndex() >= 0) {
                    extra.put("index", w.eventIndex()); // which row of a multi-row INSERT, as the append route says
                }
                return;
            }
        }
        Matcher m = CONFLICT.matcher(message);
        if (m.find()) {
            extra.put("streamId", m.group(1));
            extra.put("expectedVersion", Long.parseLong(m.group(2)));
            extra.put("actualVersion", Long.parseLong(m.group(3)));
            Matcher at = EVENT_INDEX.matcher(message);
            if (at.find(m.end())) {
                extra.put("index", Integer.parseInt(at.group(1))); // a multi-row INSERT's row, as the route says it
            }
        }
    }
}
