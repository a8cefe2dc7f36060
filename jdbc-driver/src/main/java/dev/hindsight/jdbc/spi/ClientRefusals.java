package dev.hindsight.jdbc.spi;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What a JDBC call is refused with when the fault is the caller's, worded and coded as PostgreSQL's driver codes it,
 * one rule for both drivers (SPEC §4: every failure carries a SQLState). Avatica, under both, refuses these with no
 * SQLState and in its own terms ({@code invalid column ordinal: 0}, {@code cannot convert to long
 * (…AbstractCursor$FixedStringAccessor@675b18ff)}, a {@code NoSuchElementException} naming its cursor's position):
 * a tool shows such a failure without a code, and Spring's exception translation cannot classify it.
 *
 * <pre>
 *   a column or parameter index out of range, setMaxRows(-1), …       22023 (invalid parameter value)
 *   a label no column has                                              42703 (undefined column)
 *   a value read with no row under the cursor, a closed result set    24000 (invalid cursor state)
 *   a value read as a class its type does not convert to               07006 (restricted data type attribute)
 *   a null SQL text (executeQuery(null), prepareStatement(null), …)    42601 (syntax error), as an empty one
 *   executeQuery of a statement that returns no rows                   02000 (no data)
 *   executeUpdate of a statement that returns rows                     0100E (too many results)
 *   a JDBC feature Hindsight does not offer                            0A000 (feature not supported)
 * </pre>
 */
public final class ClientRefusals {

    /** 22023: a value the call cannot take. */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** 24000: no row under the cursor, or the result set is closed. */
    public static final String INVALID_CURSOR_STATE = "24000";
    /** 0A000: a feature Hindsight does not offer. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";

    private static final String UNDEFINED_COLUMN = "42703";
    private static final String SYNTAX_ERROR = "42601";
    private static final String CANNOT_CONVERT = "07006";
    private static final String NO_DATA = "02000";
    private static final String TOO_MANY_RESULTS = "0100E";
    /** How Avatica's statement refuses {@code executeQuery} of a statement that returns no rows. */
    private static final String NO_RESULT_SET = "Statement did not return a result set";
    /** How Avatica's accessors word a value that does not convert: {@code cannot convert to long (accessor)}. */
    private static final String CONVERT_PREFIX = "cannot convert to ";

    private ClientRefusals() {
    }

    /**
     * {@code e}, thrown by Avatica for a read of {@code column} of a result set described by {@code md}, with its
     * SQLState and in words that name the column; {@code e} itself if it has a SQLState already.
     */
    public static SQLException ofRead(SQLException e, ResultSetMetaData md, int column) {
        return ofRead(e, md, column, null);
    }

    /**
     * As {@link #ofRead(SQLException, ResultSetMetaData, int)}, for a read as {@code asked} ({@code getObject}'s
     * class; null for another getter).
     */
    public static SQLException ofRead(SQLException e, ResultSetMetaData md, int column, Class<?> asked) {
        if (e.getSQLState() != null) {
            return e;
        }
        if (e instanceof SQLFeatureNotSupportedException) { // Avatica's getRowId, getSQLXML, …: no message either
            return new SQLFeatureNotSupportedException((e.getMessage() != null ? e.getMessage()
                : "this read of column " + column) + " is not supported by Hindsight", FEATURE_NOT_SUPPORTED, e);
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        try {
            int count = md.getColumnCount();
            if (column < 1 || column > count) {
                return columnOutOfRange(column, count);
            }
            if (message.contains("Position.BEFORE_START")) {
                return new SQLException("the result set is before its first row: call next() first",
                    INVALID_CURSOR_STATE, e);
            }
            if (message.contains("Position.AFTER_END")) {
                return new SQLException("the result set is after its last row: next() returned false",
                    INVALID_CURSOR_STATE, e);
            }
            if (e instanceof SQLDataException && message.startsWith(CONVERT_PREFIX)) {
                int end = message.indexOf(" (", CONVERT_PREFIX.length());
                String target = asked != null ? asked.getName()
                    : message.substring(CONVERT_PREFIX.length(), end < 0 ? message.length() : end);
                return new SQLException("column " + column + " (" + md.getColumnLabel(column) + ", "
                    + md.getColumnTypeName(column) + ") cannot be read as " + target, CANNOT_CONVERT, e);
            }
        } catch (SQLException metadataGone) {
            e.addSuppressed(metadataGone);
        }
        return new SQLException(message, "XX000", e);
    }

    /** 22023: a column index beyond the result's {@code count} columns. */
    public static SQLException columnOutOfRange(int column, int count) {
        return new SQLException("column index " + column + " is out of range: the result has " + count
            + (count == 1 ? " column" : " columns"), INVALID_PARAMETER_VALUE);
    }

    /** 22023: a parameter index beyond the statement's {@code count} parameters. */
    public static SQLException parameterOutOfRange(int index, int count) {
        return new SQLException("parameter " + index + " does not exist: the statement has " + count
            + (count == 1 ? " parameter" : " parameters"), INVALID_PARAMETER_VALUE);
    }

    /** 42703: no column of the result is labelled {@code label}. */
    public static SQLException unknownLabel(String label, ResultSetMetaData md) throws SQLException {
        StringBuilder labels = new StringBuilder();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            labels.append(c > 1 ? ", " : "").append(md.getColumnLabel(c));
        }
        return new SQLException("the result has no column \"" + label + "\": its columns are " + labels,
            UNDEFINED_COLUMN);
    }

    /**
     * {@code e} from Avatica's {@code executeQuery}: its refusal of a statement without rows (which has no SQLState)
     * as {@link #noRows}, anything else as it is.
     */
    public static SQLException ofQuery(SQLException e) {
        return e.getSQLState() == null && NO_RESULT_SET.equals(e.getMessage()) ? noRows() : e;
    }

    /**
     * 42809 for a call that runs SQL text ({@code executeQuery(String)}, {@code addBatch(String)}, …) on a prepared
     * statement, which runs its own, as PostgreSQL's driver refuses it (Avatica's refusal had no SQLState).
     */
    public static SQLException sqlTextOnPrepared(String call) {
        return new SQLException(call + "(String) cannot be called on a PreparedStatement, which runs the SQL it was "
            + "prepared with: use a Statement for other SQL", "42809");
    }

    /**
     * Whether {@code getMoreResults(current)} closes the current result: {@code CLOSE_CURRENT_RESULT} and
     * {@code CLOSE_ALL_RESULTS} (a statement has one result, so all is the current one) do,
     * {@code KEEP_CURRENT_RESULT} does not; there is never a further result. Avatica refused the last two with no
     * words and no SQLState; PostgreSQL's driver takes all three.
     *
     * @throws SQLException 22023 for any other value
     */
    public static boolean closesCurrent(int current) throws SQLException {
        return switch (current) {
            case Statement.CLOSE_CURRENT_RESULT, Statement.CLOSE_ALL_RESULTS -> true;
            case Statement.KEEP_CURRENT_RESULT -> false;
            default -> throw new SQLException("getMoreResults(" + current + "): the value is none of "
                + "CLOSE_CURRENT_RESULT (1), KEEP_CURRENT_RESULT (2) and CLOSE_ALL_RESULTS (3)",
                INVALID_PARAMETER_VALUE);
        };
    }

    /** 02000: {@code executeQuery} of a statement that returns no rows. */
    public static SQLException noRows() {
        return new SQLException("the statement returns no rows: run it with executeUpdate() or execute()", NO_DATA);
    }

    /** 0100E: {@code executeUpdate} of a statement that returns rows. */
    public static SQLException rowsReturned() {
        return new SQLException("the statement returns rows: run it with executeQuery() or execute()",
            TOO_MANY_RESULTS);
    }

    /**
     * 42601 for a null SQL text, which Avatica and Calcite met with a NullPointerException (or an SQLException without
     * SQLState); an empty text is the same error from the parser ("syntax error at end of input").
     */
    public static void checkSqlText(String sql) throws SQLException {
        if (sql == null) {
            throw new SQLException("no SQL statement: the text is null", SYNTAX_ERROR);
        }
    }

    /** 22023 if {@code value}, given to {@code call} (as {@code setMaxRows}), is below 0. */
    public static void checkNotNegative(String call, long value) throws SQLException {
        if (value < 0) {
            throw new SQLException(call + " takes 0 or more, not " + value, INVALID_PARAMETER_VALUE);
        }
    }

    /**
     * 0A000 for a level JDBC does not name, or {@code TRANSACTION_NONE}, as PostgreSQL's driver refuses them ("not
     * supported"); the four levels are taken (each connection reads as READ COMMITTED, and says so).
     */
    public static void checkIsolation(int level) throws SQLException {
        if (level != Connection.TRANSACTION_READ_UNCOMMITTED && level != Connection.TRANSACTION_READ_COMMITTED
            && level != Connection.TRANSACTION_REPEATABLE_READ && level != Connection.TRANSACTION_SERIALIZABLE) {
            throw new SQLFeatureNotSupportedException("transaction isolation level " + level + " is not supported: "
                + "the levels are Connection.TRANSACTION_READ_COMMITTED (2) and the stricter ones, each read as READ "
                + "COMMITTED", FEATURE_NOT_SUPPORTED);
        }
    }

    /** 22023 if {@code abort} or {@code setNetworkTimeout} was given no executor, as JDBC asks. */
    public static void checkExecutor(String call, Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException(call + " needs an executor to run on, not null", INVALID_PARAMETER_VALUE);
        }
    }

    /** 22023 if {@code getObject(column, type)} was given no class to read the column as (it was an NPE). */
    public static void checkReadClass(Class<?> type) throws SQLException {
        if (type == null) {
            throw new SQLException("getObject(column, type) needs a class to read the column as, not null; "
                + "getObject(column) reads it as its own", INVALID_PARAMETER_VALUE);
        }
    }

    /** 22023 for what JDBC says {@code setNetworkTimeout} refuses: no executor, a time below 0. */
    public static void checkNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkExecutor("setNetworkTimeout", executor);
        checkNotNegative("setNetworkTimeout", milliseconds);
    }

    /** 0A000: {@code call}, a move of the cursor other than {@code next()}, on a result that only goes forward. */
    public static SQLFeatureNotSupportedException forwardOnly(String call) {
        return unsupported(call + " (every result is TYPE_FORWARD_ONLY: read it with next())");
    }

    /** 0A000: {@code ResultSet.getCursorName}. */
    public static SQLFeatureNotSupportedException namedCursors() {
        return unsupported("getCursorName (Hindsight has no named cursors: the log has no positioned UPDATE or "
            + "DELETE)");
    }

    /** Nothing for a type map of {@code map}'s entries to do; else 0A000 naming them (there are no user types). */
    public static void checkTypeMap(Map<String, Class<?>> map) throws SQLFeatureNotSupportedException {
        if (map != null && !map.isEmpty()) {
            throw new SQLFeatureNotSupportedException("Hindsight has no user-defined types to map: " + map.keySet(),
                FEATURE_NOT_SUPPORTED);
        }
    }

    /** 0A000: a savepoint (set, rolled back to, released). */
    public static SQLFeatureNotSupportedException savepoints() {
        return unsupported("savepoints (a transaction's INSERTs are appended as one at commit, or not at all)");
    }

    /** 0A000: {@code prepareCall}. */
    public static SQLFeatureNotSupportedException storedProcedures() {
        return unsupported("prepareCall (Hindsight has no stored procedures)");
    }

    /** 0A000: {@code Connection.create…} of a large object, XML or a structured value ({@code method}). */
    public static SQLFeatureNotSupportedException valueFactory(String method) {
        return unsupported(method + " (Hindsight has no large-object, XML or structured types: bind a String or "
            + "byte[])");
    }

    /**
     * 0A000: {@code setter} binds a type Hindsight has no column of ({@code setURL}, {@code setRef}, {@code setRowId},
     * {@code setSQLXML}, {@code setUnicodeStream}); {@code instead} says what to set.
     */
    public static SQLFeatureNotSupportedException unsupportedSetter(String setter, String instead) {
        return new SQLFeatureNotSupportedException(setter + " is not supported: " + instead, FEATURE_NOT_SUPPORTED);
    }

    /** 0A000: {@code what} (a JDBC method, and why if it helps) is not offered. */
    public static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by Hindsight", FEATURE_NOT_SUPPORTED);
    }
}
