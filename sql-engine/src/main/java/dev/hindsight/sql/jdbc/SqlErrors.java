package dev.hindsight.sql.jdbc;

import dev.hindsight.jdbc.spi.ClientRefusals;
import dev.hindsight.log.InvalidEventException;
import dev.hindsight.log.LogCorruptedException;
import dev.hindsight.log.StorageException;
import dev.hindsight.log.StorageFullException;
import dev.hindsight.log.WrongExpectedVersionException;
import dev.hindsight.projection.ProjectionFileException;
import dev.hindsight.projection.ProjectionRowException;
import dev.hindsight.sql.QueryCanceledException;
import dev.hindsight.sql.json.InvalidJsonText;
import dev.hindsight.sql.parser.IsoTimestampText;
import dev.hindsight.sql.parser.UuidText;
import dev.hindsight.sql.parser.ZonedText;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.Helper;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: errors with the SQLStates of SPEC §2. They are thrown as Avatica's client exception because that is the
 * one type Avatica turns into an {@code SQLException} carrying our SQLState, whether it escapes planning or execution.
 * Public for the engine ({@code dev.hindsight.sql}), whose tables, functions and preparation throw them; what it is
 * given is typed {@code RuntimeException}, so no signature it calls names an Avatica type.
 */
public final class SqlErrors {

    private static final System.Logger LOG = System.getLogger(SqlErrors.class.getName());
    /**
     * The internal errors {@link #reported} has logged, so that each is logged once: a failure passes several
     * {@code Meta} methods on its way out (an iterator's inside a statement's execute), and the HTTP layer logs what
     * no one did ({@link #wasReported}). Weak: an error gone from every chain is gone from here.
     */
    private static final Set<Throwable> REPORTED = Collections.synchronizedSet(
        Collections.newSetFromMap(new WeakHashMap<>()));

    static final String SERIALIZATION_FAILURE = "40001";
    /** 22023: a value the statement cannot take (a NULL key column, an unknown setting, a bad time zone). */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** 42501: a role too weak for the statement, or a change to what the log holds. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** 55000: an object that cannot serve the statement now (a projection whose stored definition did not compile). */
    public static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";
    /** 428C9: an INSERT names a column only the log assigns. */
    public static final String GENERATED_ALWAYS = "428C9";
    /** 42601: the statement does not parse. */
    public static final String SYNTAX_ERROR = "42601";
    /** 42P01: a table, projection or qualifier the statement names is not there. */
    public static final String UNDEFINED_TABLE = "42P01";
    /** 42000: the statement parses but names what is not there, or is not one Hindsight runs. */
    public static final String SYNTAX_ERROR_OR_ACCESS_RULE = "42000";
    /** 25006: a write in a read-only session. */
    public static final String READ_ONLY_TRANSACTION = "25006";
    static final String DISK_FULL = "53100";
    public static final String QUERY_CANCELED = "57014";
    public static final String INVALID_CHARACTER_VALUE_FOR_CAST = "22018";
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    public static final String DIVISION_BY_ZERO = "22012";
    /** 2201F: a power or root without a real answer (SQRT(-1), POWER(0, -1)). */
    public static final String INVALID_ARGUMENT_FOR_POWER = "2201F";
    public static final String INVALID_DATETIME_FORMAT = "22007";
    public static final String DATETIME_FIELD_OVERFLOW = "22008";
    public static final String SUBSTRING_ERROR = "22011";
    /** 2201E: the logarithm of zero or of a negative number. */
    public static final String INVALID_ARGUMENT_FOR_LOGARITHM = "2201E";
    /** 2201B: a regular expression that does not compile. */
    public static final String INVALID_REGULAR_EXPRESSION = "2201B";
    /** 22025: a LIKE pattern whose escape character escapes nothing it may. */
    public static final String INVALID_ESCAPE_SEQUENCE = "22025";
    /** 2200C: more than two escape-double-quote separators in a SIMILAR TO pattern. */
    public static final String INVALID_USE_OF_ESCAPE_CHARACTER = "2200C";
    /** 22032: text that is no JSON, read by a JSON function under {@code ERROR ON ERROR}. */
    static final String INVALID_JSON_TEXT = "22032";
    /** 21000: a scalar sub-query that returned more rows than one. */
    static final String CARDINALITY_VIOLATION = "21000";
    static final String SQL_JSON_MEMBER_NOT_FOUND = "2203A";
    /** 54001: a statement nested or chained too deeply for the planner's recursion (PostgreSQL: stack depth). */
    public static final String STATEMENT_TOO_COMPLEX = "54001";
    /** 54011: a query of more columns than {@code MAX_COLUMNS} (PostgreSQL: too many columns). */
    public static final String TOO_MANY_COLUMNS = "54011";
    /** 54000: a statement whose generated code is larger than Java allows (PostgreSQL: program limit exceeded). */
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    /**
     * PostgreSQL's out_of_memory: what all sessions together hold is at its limit ({@code HeldCharacters}), or a
     * statement ran the heap out ({@link #fromExecution}).
     */
    public static final String OUT_OF_MEMORY = "53200";
    /** 0A000: a feature Hindsight does not have. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** 42P18: a parameter nothing in the statement gives a type (PostgreSQL's indeterminate_datatype). */
    public static final String INDETERMINATE_DATATYPE = "42P18";
    /** 42883: no function of that name for these argument types. */
    public static final String UNDEFINED_FUNCTION = "42883";
    /** PostgreSQL's cannot_coerce: a cast between types that have none. */
    public static final String CANNOT_COERCE = "42846";
    /** 23502: NULL for a column that takes none (stream_id, entity_type, name, data). */
    public static final String NOT_NULL_VIOLATION = "23502";
    /** A NULL where a value is needed and NULL has no meaning (an AS OF point), as PostgreSQL's. */
    public static final String NULL_VALUE_NOT_ALLOWED = "22004";
    /** XX001: a record of the log is damaged (PostgreSQL's data_corrupted). */
    public static final String DATA_CORRUPTED = "XX001";
    /** wrong_object_type: a write to a table derived from the log. */
    public static final String WRONG_OBJECT_TYPE = "42809";
    /** A Java projection's row() gave a value of another class than its column's type takes. */
    public static final String DATATYPE_MISMATCH = "42804";
    /** A window that cannot be: one that names itself through the windows it names. */
    public static final String WINDOWING_ERROR = "42P20";
    /** A window frame's offset that is negative, written or bound: PostgreSQL's invalid_preceding_or_following_size. */
    public static final String INVALID_FRAME_OFFSET = "22013";
    /** 25P01: commit or rollback in auto-commit, where no transaction is open (PostgreSQL's driver's state). */
    public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
    /** 58030: the file system refused a write (a projection's definition on a full disk), as PostgreSQL's io_error. */
    public static final String IO_ERROR = "58030";
    static final String INTERNAL_ERROR = "XX000";

    private SqlErrors() {
    }

    /**
     * An error with {@code sqlState} saying {@code message}. The message is also the one "server exception" Avatica
     * carries, because Calcite's prepare wraps a failure in a message of its own and keeps only that list
     * ({@link #tidy} takes it back out).
     */
    public static RuntimeException of(String sqlState, String message) {
        return new AvaticaClientRuntimeException(message, 0, sqlState, AvaticaSeverity.ERROR, List.of(message), null);
    }

    /** 42501: {@code operation} (UPDATE, DELETE, …) would change what the log holds. */
    public static RuntimeException appendOnly(String operation) {
        return of(INSUFFICIENT_PRIVILEGE, operation + " is not allowed: the log is append-only");
    }

    /**
     * 42501: a statement that needs {@code needed} access in a connection that has only {@code had} ({@link Access}),
     * naming both, as PostgreSQL's "permission denied" names the object and the privilege.
     */
    public static RuntimeException insufficientPrivilege(Access had, Access needed, String what) {
        return of(INSUFFICIENT_PRIVILEGE, "insufficient privilege: " + what + " needs the " + needed.label()
            + " role, and this connection has the " + had.label() + " role");
    }

    /**
     * 25006: a write in a session that reads as of a past point; {@code opened}: the connection's own {@code asOf}
     * property set it, which {@code RESET as_of} returns to (the way out is a connection without it).
     */
    public static RuntimeException readOnlySession(boolean opened) {
        return of(READ_ONLY_TRANSACTION, opened
            ? "this connection was opened with the asOf property and reads as of a past point: it is read-only, "
                + "RESET as_of included; open a connection without asOf to write"
            : "this session reads as of a past point (SET as_of) and is read-only; RESET as_of to write");
    }

    /**
     * The SQL face of an append's refusal: a version conflict 40001, an invalid event 22023, a full disk 53100, a
     * failure of the storage (the log then refuses appends until reopened) 58030; anything else as it is.
     */
    public static RuntimeException fromAppend(RuntimeException e) {
        if (e instanceof WrongExpectedVersionException w) {
            return of(SERIALIZATION_FAILURE, w.getMessage());
        }
        if (e instanceof InvalidEventException) {
            return of(INVALID_PARAMETER_VALUE, e.getMessage());
        }
        if (e instanceof StorageFullException) {
            return of(DISK_FULL, e.getMessage());
        }
        if (e instanceof StorageException) {
            return of(IO_ERROR, e.getMessage()); // a failed fsync, a write that faulted: the message says what now
        }
        return e;
    }

    /**
     * The state of a failure of Hindsight's own whose message is meant for the client: a cancel 57014, a Java
     * projection's row of the wrong kind 42804, a projection's file the file system did not write 58030 (naming the
     * file and the reason: a full disk, a read-only mount); null for any other.
     */
    private static String ownState(Throwable t) {
        if (t instanceof QueryCanceledException) {
            return QUERY_CANCELED;
        }
        if (t instanceof ProjectionRowException) {
            return DATATYPE_MISMATCH;
        }
        return t instanceof ProjectionFileException ? IO_ERROR : null;
    }

    /**
     * The SQL face of a failure while a statement runs (Calcite lets these through {@code ResultSet.next()} as they
     * are, or wraps them without a SQLState; constants it folds while planning fail inside an
     * {@code ExceptionInInitializerError}): a cast of text that is no number is 22018, a number out of range 22003,
     * text that is no date or time 22007, a date or time field out of range 22008, a substring of negative length
     * 22011, a division by zero 22012, a parameter left without a value 22023, a statement too deep for the planner's
     * recursion 54001, one whose generated code is too large to compile 54000, the heap run out 53200, a cancel
     * 57014, a strict JSON path that finds nothing 2203A, a plan none of Calcite's rules can run 0A000, anything else
     * XX000 (internal error, with the first line of the failure's text only), as PostgreSQL names them. An
     * {@code SQLException} that already has a SQLState is returned as it is.
     */
    static SQLException fromExecution(Throwable thrown) {
        if (thrown instanceof SQLException sql && sql.getSQLState() != null) {
            return sql;
        }
        for (Throwable t = thrown instanceof PreparingFault f ? f.client() : thrown; t != null; t = t.getCause()) {
            if (t instanceof AvaticaClientRuntimeException a) {
                return new SQLException(a.getMessage(), a.getSqlState(), a);
            }
            if (t instanceof StackOverflowError) {
                return new SQLException("the statement is too complex: it nests or chains expressions too deeply "
                    + "(e.g. a thousand terms of +, or a deep subquery); split it up", STATEMENT_TOO_COMPLEX, thrown);
            }
            if (t instanceof OutOfMemoryError) {
                // a JVM started without -XX:+ExitOnOutOfMemoryError (embedded; the launcher sets it) goes on serving
                // once the statement's rows are let go, as a PostgreSQL backend does after its 53200
                return outOfMemory(t, thrown);
            }
            String ownState = ownState(t);
            if (ownState != null) {
                return new SQLException(t.getMessage(), ownState, thrown);
            }
            if (String.valueOf(t.getMessage()).startsWith(COMPILE_FAILURE)) {
                return compileFailure(t.getCause(), thrown);
            }
            String message = String.valueOf(t.getMessage());
            SQLException datetime = t instanceof IllegalArgumentException ? datetimeText(message, thrown) : null;
            if (datetime != null) {
                return datetime;
            }
            // Calcite's JSON functions under ERROR ON …, casts; a constant's comes in an ExceptionInInitializerError
            String state = t instanceof CalciteException ? calciteState(message) : null;
            if (state != null) {
                return new SQLException(message, state, thrown);
            }
            if (message.endsWith("unbound parameter")) {
                return new SQLException("a parameter has no value: set every ? before executing",
                    INVALID_PARAMETER_VALUE, thrown);
            }
            if (t instanceof IllegalStateException
                && String.valueOf(t.getMessage()).startsWith("Unable to implement")) {
                // Calcite has no code for an expression (INTERVAL '1' DAY * 1.5, say): not supported, not an
                // internal error; without the plan Calcite's message goes on to print, costs and all
                return new SQLException("not supported: an expression of the statement has no implementation here ("
                    + "Calcite: Unable to implement " + implementing(t.getMessage()) + ")", FEATURE_NOT_SUPPORTED,
                    thrown);
            }
            if (t.getClass().getName().equals("com.jayway.jsonpath.PathNotFoundException")) {
                // a strict path with ERROR ON ERROR that finds nothing (Calcite's JSON functions throw it as it is)
                return new SQLException("no SQL/JSON item: " + message, SQL_JSON_MEMBER_NOT_FOUND, thrown);
            }
            SQLException unsupported = unsupported(t, message, thrown);
            if (unsupported != null) {
                return unsupported;
            }
            SQLException assertion = t instanceof AssertionError a ? assertionRefusal(a, thrown) : null;
            if (assertion != null) {
                return assertion;
            }
            if (t instanceof NumberFormatException && readingATime(t)) {
                // Calcite's time parser reads each field with Integer.parseInt: digits beyond an int are a field out
                // of range, anything else no time at all ('noon', '04:05 PM')
                return INTEGER_INPUT.matcher(message).matches()
                    ? new SQLException("a date or time field is out of range: " + message, DATETIME_FIELD_OVERFLOW,
                        thrown)
                    : new SQLException("invalid input syntax for a date or time: " + message, INVALID_DATETIME_FORMAT,
                        thrown);
            }
            if (t instanceof NumberFormatException && (INTEGER_INPUT.matcher(message).matches()
                || message.startsWith("Value out of range. Value:\""))) { // Short/Byte.parseShort/Byte's words
                // Integer.parseInt and Long.parseLong of digits alone refuse only a value beyond the type
                String value = message.substring(message.indexOf('"') + 1);
                value = "\"" + value.substring(0, value.indexOf('"')).strip() + "\"";
                return new SQLException("value " + value + " is out of range for its integer type; cast to DECIMAL "
                    + "for a wider number", NUMERIC_VALUE_OUT_OF_RANGE, thrown);
            }
            if (t instanceof NumberFormatException) {
                return new SQLException("invalid value for a cast to a number: " + t.getMessage(),
                    INVALID_CHARACTER_VALUE_FOR_CAST, thrown);
            }
            if (t instanceof UnsupportedCharsetException charset) {
                // CONVERT(x, SQL_INTEGER) without {fn …}: Calcite reads the second word as a character set
                return new SQLException("invalid encoding name \"" + charset.getCharsetName() + "\": CONVERT(text, "
                    + "charset) converts text; for a type, CAST(x AS INTEGER) or {fn CONVERT(x, SQL_INTEGER)}",
                    INVALID_PARAMETER_VALUE, thrown); // PostgreSQL's convert_to names a bad encoding so
            }
            SQLException refused = functionRefusal(t, message, thrown);
            if (refused != null) {
                return refused;
            }
            if (t instanceof ArithmeticException) {
                return arithmetic(message, thrown);
            }
        }
        if (thrown instanceof SQLException sql) {
            return sql;
        }
        return new SQLException("internal error: " + firstLine(thrown.toString()), INTERNAL_ERROR, thrown);
    }

    /** An {@code ArithmeticException} saying {@code message}: 22003 or 22012 in PostgreSQL's words. */
    private static SQLException arithmetic(String message, Throwable thrown) {
        if (message.endsWith(" overflow")) {
            // Math.addExact and its siblings (CheckedArithmetic): "long overflow", "integer overflow"
            return new SQLException("integer out of range: an arithmetic result is beyond its type ("
                + message + "); cast to DECIMAL for a wider result", NUMERIC_VALUE_OUT_OF_RANGE, thrown);
        }
        String lower = message.toLowerCase(Locale.ROOT);
        // "/ by zero" (integers), "Division by zero" and "Division undefined" (BigDecimal, 0/0); a DECIMAL scaled far
        // past any range says so in Java's words (text cast to one is judged before: DecimalRange)
        if (lower.contains("by zero") || lower.contains("division undefined")) {
            return new SQLException("division by zero", DIVISION_BY_ZERO, thrown); // PostgreSQL's words
        }
        return new SQLException(lower.startsWith("biginteger would overflow")
            ? "value out of range: the number has too many digits for a DECIMAL" : message, NUMERIC_VALUE_OUT_OF_RANGE,
            thrown);
    }

    /**
     * A function of Calcite's that refused a value it cannot take, as PostgreSQL's refuses it: a literal beyond
     * DECIMAL(38) 22003, a substring of negative length 22011, the logarithm of zero
     * or less 2201E, a scalar sub-query of more rows than one 21000, a regular expression that does not compile
     * ({@code ~}, {@code SIMILAR TO}, {@code REGEXP_REPLACE}) 2201B, a bad escape in a LIKE pattern 22025, text that
     * is no JSON under {@code ERROR ON ERROR} 22032, a position
     * beyond a string ({@code OVERLAY}) 22011, an argument out of a function's domain ({@code POSITION … FROM 0},
     * {@code DECIMAL(0, 0)}) 22023, a damaged record of the log XX001, text {@code TO_DATE} or
     * {@code TO_TIMESTAMP} cannot read with its format 22007; {@code null} for anything else.
     */
    private static @Nullable SQLException functionRefusal(Throwable t, String message, Throwable thrown) {
        if (t instanceof SQLException s && s.getSQLState() == null && message.startsWith("Invalid format: '")) {
            return new SQLException(message, INVALID_DATETIME_FORMAT, thrown); // TO_DATE's text its format cannot read
        }
        if (t instanceof LogCorruptedException) {
            // damage a read found in the log (its file and excerpt in the message): PostgreSQL's data_corrupted,
            // not an internal error naming a class
            return new SQLException(message, DATA_CORRUPTED, thrown);
        }
        if (t instanceof IllegalArgumentException && message.startsWith("Cannot convert ")
            && message.endsWith(" due to overflow")) {
            return new SQLException(message, NUMERIC_VALUE_OUT_OF_RANGE, thrown); // a literal beyond DECIMAL(38)
        }
        if (t instanceof CalciteException && message.startsWith("Illegal jsonpath spec")) {
            // a JSON path that does not parse, under ERROR ON ERROR (else NULL): PostgreSQL's jsonpath syntax error
            return new SQLException(message, SYNTAX_ERROR, thrown);
        }
        if (t instanceof CalciteException && message.startsWith("Substring error")) {
            return new SQLException(message, SUBSTRING_ERROR, thrown);
        }
        if (t instanceof IllegalArgumentException && message.startsWith("Cannot take logarithm")) {
            return new SQLException("cannot take logarithm of zero or a negative number",
                INVALID_ARGUMENT_FOR_LOGARITHM, thrown);
        }
        if (t instanceof IllegalStateException && message.startsWith("more than one value in agg SINGLE_VALUE")) {
            return new SQLException("more than one row returned by a subquery used as an expression",
                CARDINALITY_VIOLATION, thrown);
        }
        if (t instanceof PatternSyntaxException p) {
            return new SQLException("invalid regular expression '" + p.getPattern() + "': " + p.getDescription()
                + (p.getIndex() >= 0 ? " near index " + p.getIndex() : ""), INVALID_REGULAR_EXPRESSION, thrown);
        }
        if (message.startsWith("Invalid escape sequence") || message.startsWith("Invalid escape character")) {
            return new SQLException(message, INVALID_ESCAPE_SEQUENCE, thrown); // Calcite's LIKE, as a RuntimeException
        }
        if (t instanceof InvalidJsonText || t.getClass().getName().equals("com.jayway.jsonpath.InvalidJsonException")) {
            // a JSON function's text that is no JSON, under ERROR ON ERROR (else NULL)
            return new SQLException("invalid input syntax for type json: " + firstLine(message), INVALID_JSON_TEXT,
                thrown);
        }
        if (t instanceof StringIndexOutOfBoundsException) {
            return new SQLException("a position or length beyond the string: " + message, SUBSTRING_ERROR, thrown);
        }
        if ((t instanceof CalciteException && (message.startsWith("Invalid input for ")
            || DECIMAL_BOUNDS.matcher(message).matches()))
            || (t instanceof IllegalArgumentException && message.startsWith("Not a valid Unicode code point"))) {
            return new SQLException(message, INVALID_PARAMETER_VALUE, thrown);
        }
        if (t instanceof IllegalArgumentException && message.startsWith(UuidText.INVALID)) {
            // text cast to a UUID that is none, as 'x' is no number (Java's UUID.fromString read it: XX000)
            return new SQLException(message, INVALID_CHARACTER_VALUE_FOR_CAST, thrown);
        }
        return null;
    }

    /** Calcite's refusal of a DECIMAL's precision or scale ({@code DECIMAL precision 0 must be between 1 and 38}). */
    private static final Pattern DECIMAL_BOUNDS =
        Pattern.compile("DECIMAL (precision|scale) -?\\d+ must be between .*");

    /**
     * The error of {@code refused}, thrown as the parser read a date's or time's text ({@code TIMESTAMP '…'}), with
     * its SQLState (22007, 22008); null if it is no such refusal.
     */
    public static @Nullable RuntimeException ofDatetimeText(IllegalArgumentException refused) {
        SQLException e = refused.getMessage() == null ? null : datetimeText(refused.getMessage(), refused);
        return e == null ? null : of(e.getSQLState(), e.getMessage());
    }

    /**
     * A date's or time's text refused: 22007 for no such text (Calcite's "Invalid DATE value", '25' or '-01:00' for a
     * TIME), 22008 for a field or a year out of range.
     */
    private static @Nullable SQLException datetimeText(String message, Throwable thrown) {
        if (invalidDatetime(message)) {
            return invalidDatetimeText(message, thrown);
        }
        if (message.startsWith(IsoTimestampText.INVALID_TIME)) {
            return new SQLException(message, INVALID_DATETIME_FORMAT, thrown);
        }
        if (message.startsWith(ZonedText.OUT_OF_RANGE)) {
            return new SQLException(message, DATETIME_FIELD_OVERFLOW, thrown);
        }
        if (message.startsWith(ZonedText.INVALID_ZONE)) {
            return new SQLException(message, INVALID_PARAMETER_VALUE, thrown); // PostgreSQL's 22023
        }
        if (message.startsWith("Invalid time format: ")) { // Calcite's TimeWithTimeZoneString: a zoned time
            return new SQLException("invalid input syntax for type time with time zone: " + message,
                INVALID_DATETIME_FORMAT, thrown);
        }
        if (message.startsWith("Hour out of range: ") || message.startsWith("Minute out of range: ")
            || message.startsWith("Second out of range: ")) {
            return new SQLException(message, DATETIME_FIELD_OVERFLOW, thrown);
        }
        if (message.startsWith("Value of ") && message.contains(" field is out of range")) {
            return new SQLException(message, DATETIME_FIELD_OVERFLOW, thrown); // DateTimeUtils: '2020-13-45'
        }
        if (message.startsWith(IsoTimestampText.ROUNDED_OUT_OF_RANGE)) {
            return new SQLException(message, DATETIME_FIELD_OVERFLOW, thrown);
        }
        if (message.startsWith("Year out of range")) { // Calcite's DateString: DATE '10000-01-01' (it was XX000)
            return new SQLException("a date beyond years 1 to 9999: " + message, DATETIME_FIELD_OVERFLOW, thrown);
        }
        return null;
    }

    /** What Calcite cannot run, as 0A000 (not an internal error), or text it cannot read (22007); else null. */
    private static @Nullable SQLException unsupported(Throwable t, String message, Throwable thrown) {
        if (t instanceof IllegalArgumentException && (thrownIn(t, "org.apache.calcite.util.TimeWithTimeZoneString",
            "<init>") || thrownIn(t, "org.apache.calcite.util.TimestampWithTimeZoneString", "<init>"))) {
            // Calcite's zoned text refused without a word (a fraction of a second in a TIME WITH LOCAL TIME ZONE)
            return new SQLException("invalid input syntax for a time with a time zone: HH:mm:ss, without a fraction "
                + "of a second or an offset, for a TIME WITH LOCAL TIME ZONE", INVALID_DATETIME_FORMAT, thrown);
        }
        if (t instanceof IllegalArgumentException && thrownIn(t, "org.apache.calcite.tools.RelBuilder",
            "rewriteAggregateWithDuplicateGroupSets")) {
            // GROUPING SETS ((), (x), ()) with GROUPING(x) or GROUP_ID(): Calcite answers a set written twice as a
            // union of aggregates, whose row types it then finds not to meet
            return new SQLException("not supported: GROUPING() or GROUP_ID() where a grouping set is written twice "
                + "(GROUPING SETS ((), (x), ())); write each set once, or leave out GROUPING()",
                FEATURE_NOT_SUPPORTED, thrown);
        }
        if (t instanceof RelOptPlanner.CannotPlanException) {
            // no rule of Calcite's runs the plan (PERCENTILE_CONT … WITHIN GROUP, say): not supported, not ours
            // (Calcite's words kept: the same failure of one of our own rules would be a bug to report)
            return new SQLException("not supported: the statement uses something the engine cannot run ("
                + firstLine(message) + ")", FEATURE_NOT_SUPPORTED, thrown);
        }
        return null;
    }

    /** Whether {@code t} was thrown inside {@code method} of {@code className}. */
    private static boolean thrownIn(Throwable t, String className, String method) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code t} was thrown while Avatica's {@code DateTimeUtils} read a date or time. */
    private static boolean readingATime(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().equals("org.apache.calcite.avatica.util.DateTimeUtils")) {
                return true;
            }
        }
        return false;
    }

    /** Calcite's refusals when a statement runs, by the start of their message, with PostgreSQL's SQLStates. */
    private static final Map<String, String> CALCITE_STATES = Map.of(
        "Empty result of JSON_VALUE function", "22035", // no_sql_json_item: ERROR ON EMPTY, and nothing there
        "Empty result of JSON_QUERY function", "22035",
        "Strict jsonpath mode requires scalar value", "2203F", // sql_json_scalar_required
        "Strict jsonpath mode requires array or object value", "2203C", // sql_json_object_not_found
        "Invalid character for cast", INVALID_CHARACTER_VALUE_FOR_CAST, // CAST('x' AS BOOLEAN)
        "Illegal TIMESTAMP WITH LOCAL TIME ZONE literal", INVALID_DATETIME_FORMAT, // CAST('x' AS … LOCAL TIME ZONE)
        "Illegal TIME WITH LOCAL TIME ZONE literal", INVALID_DATETIME_FORMAT,
        "Null key of JSON object is not allowed", INVALID_PARAMETER_VALUE); // JSON_OBJECTAGG(k: v) of a NULL k

    /** The SQLState of {@link #CALCITE_STATES} whose message {@code message} starts with, or {@code null}. */
    private static @Nullable String calciteState(String message) {
        for (Map.Entry<String, String> kind : CALCITE_STATES.entrySet()) {
            if (message.startsWith(kind.getKey())) {
                return kind.getValue();
            }
        }
        return null;
    }

    /** The JDK's words for text of digits alone that no {@code int} or {@code long} holds. */
    private static final Pattern INTEGER_INPUT = Pattern.compile("For input string: \"\\s*[+-]?\\d+\\s*\"");

    /** How Calcite's message starts when Janino refuses the statement's generated code, which follows in full. */
    private static final String COMPILE_FAILURE = "Error while compiling generated Java code";
    /** The longest first line of an internal failure's text that reaches a client. */
    private static final int SHOWN = 300;

    /**
     * 53200 for an {@code OutOfMemoryError}: of the heap ("Java heap space", "GC overhead limit exceeded", "Requested
     * array size exceeds VM limit"), with what a statement holds and what to do; of anything else (metaspace, direct
     * buffers, native threads), which no {@code -Xmx} helps, in the JVM's words only.
     */
    private static SQLException outOfMemory(Throwable error, Throwable thrown) {
        String what = String.valueOf(error.getMessage());
        if (what.contains("heap space") || what.contains("GC overhead") || what.contains("array size")) {
            return new SQLException("out of memory: the statement needed more than the heap had left (" + what
                + "); a sort, GROUP BY or join holds its rows: narrow it with WHERE or LIMIT, or give the JVM more "
                + "heap (-Xmx)", OUT_OF_MEMORY, thrown);
        }
        return new SQLException("out of memory: " + what, OUT_OF_MEMORY, thrown);
    }

    /**
     * The generated code of a statement failed to compile: nearly always a statement too large for one Java method
     * (Janino: "Code grows beyond 64 KB", "too many constants"), 54000, or nested too deeply for Janino's recursion,
     * 54001, else an internal error. Never the code itself,
     * which Calcite's message carries in full (130 KB for a long {@code IN} list of times).
     */
    private static SQLException compileFailure(Throwable cause, Throwable thrown) {
        Throwable root = cause;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause(); // Janino wraps its reason once per enclosing class and method
        }
        if (root instanceof StackOverflowError) { // Janino compiles nested conditionals recursively
            return new SQLException("the statement is too complex to compile: it nests expressions too deeply (e.g. a "
                + "CASE of a thousand WHENs); split it up", STATEMENT_TOO_COMPLEX, thrown);
        }
        String why = root == null ? "" : firstLine(root.getMessage() == null ? root.toString() : root.getMessage());
        String lower = why.toLowerCase(Locale.ROOT);
        if (lower.contains("64 kb") || lower.contains("too large") || lower.contains("too many")) {
            return new SQLException("the statement is too large to compile (" + why + "): split it up, or send a long "
                + "list of values as ? parameters", PROGRAM_LIMIT_EXCEEDED, thrown);
        }
        return new SQLException("internal error: the statement's generated code did not compile (" + why + ")",
            INTERNAL_ERROR, thrown);
    }

    /**
     * An assertion of Calcite's that is a statement's fault, not an internal error: a TIMESTAMP WITH TIME ZONE value
     * from a TIMESTAMP (0A000), and a unit its code for an interval's fields has no case for
     * ({@code EXTRACT(ISOYEAR FROM INTERVAL '14' MONTH)}: 22023, as PostgreSQL's "unit not supported for type
     * interval"); {@code null} for any other.
     */
    private static @Nullable SQLException assertionRefusal(AssertionError t, Throwable thrown) {
        if ("Value does not contain time zone".equals(t.getMessage())) {
            return new SQLException("not supported: a TIMESTAMP WITH TIME ZONE value from a TIMESTAMP",
                FEATURE_NOT_SUPPORTED, thrown);
        }
        if (String.valueOf(t.getMessage()).startsWith(TIME_ZONED_LITERAL)) {
            // Calcite's literal of the type has no value it can use (XX000); its cast has
            return new SQLException("not supported: a TIME WITH LOCAL TIME ZONE '…' literal; write CAST('10:00:00' AS "
                + "TIME WITH LOCAL TIME ZONE)", FEATURE_NOT_SUPPORTED, thrown);
        }
        Matcher m = UNIT_OF_NO_INTERVAL.matcher(String.valueOf(t.getMessage()));
        return m.lookingAt() ? new SQLException("unit \"" + m.group(1).toLowerCase(Locale.ROOT)
            + "\" not supported for type interval", INVALID_PARAMETER_VALUE, thrown) : null;
    }

    private static final String TIME_ZONED_LITERAL = "Was not expecting value 'TIME_WITH_LOCAL_TIME_ZONE' for "
        + "enumeration 'org.apache.calcite.sql.type.SqlTypeName'";

    /** Calcite's words for a unit its code for an interval's fields does not take ({@code ISOYEAR}, {@code DOW}). */
    private static final Pattern UNIT_OF_NO_INTERVAL = Pattern.compile(
        "Was not expecting value '([A-Z_]+)' for enumeration '[^']*TimeUnit'");

    /** The plan node Calcite names in "Unable to implement EnumerableCalc(expr#0=…): rowcount …": EnumerableCalc. */
    private static String implementing(String message) {
        String rest = message.substring("Unable to implement".length()).strip();
        int end = 0;
        while (end < rest.length() && Character.isJavaIdentifierPart(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? "it" : rest.substring(0, end);
    }

    /** The first line of a failure's {@code text}, at most {@link #SHOWN} chars of it. */
    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= SHOWN ? line : line.substring(0, SHOWN) + "…";
    }

    /**
     * Calcite's {@code Invalid DATE value, 'x'}, said of any date or time: the text, and which forms are read.
     */
    private static SQLException invalidDatetimeText(String message, Throwable thrown) {
        String text = message.substring(message.indexOf(',') + 1).strip();
        return new SQLException("invalid input syntax for a date or time: " + text + " (ISO-8601 is read: "
            + "2026-11-01, 2026-11-01 10:00:00, 2026-11-01T10:00:00.250Z)", INVALID_DATETIME_FORMAT, thrown);
    }

    /** Calcite's words for text that is no date or time: {@code Invalid DATE value, '...'} and the like. */
    private static boolean invalidDatetime(String message) {
        return message != null && (message.startsWith("Invalid DATE value") || message.startsWith("Invalid TIME value")
            || message.startsWith("Invalid TIMESTAMP value"));
    }

    /**
     * {@link #fromExecution} as Avatica's client exception: what a {@code Meta} throws so that the client gets the
     * SQLState, locally and over the wire (Avatica hands on the state of no other exception type). {@code thrown}
     * itself if it is one already; an internal error (XX000) has {@code thrown} as its cause.
     */
    public static RuntimeException toClient(Throwable thrown) {
        if (thrown instanceof AvaticaClientRuntimeException a) {
            return a;
        }
        if (thrown instanceof PreparingFault f) {
            return f.client();
        }
        SQLException e = fromExecution(thrown);
        RuntimeException client = of(e.getSQLState(), e.getMessage());
        if (INTERNAL_ERROR.equals(e.getSQLState())) {
            client.initCause(thrown); // for reported(): the client is told the state and the first line only
        }
        return client;
    }

    /**
     * {@link #toClient}, an internal error (XX000) logged with its fault: for the {@code Meta}'s methods, the last of
     * Hindsight's code a failure passes on its way to the client. Avatica then keeps the message and state, not the
     * cause, so whoever logs the failure later ("the server's log has the details") would have no fault to log.
     * Not for a failure the engine recovers from (a plan-cache shape that does not prepare: the text runs instead).
     */
    public static RuntimeException reported(Throwable thrown) {
        RuntimeException client = toClient(thrown);
        if (INTERNAL_ERROR.equals(stateOf(client)) && !wasReported(client) && REPORTED.add(client)) {
            LOG.log(System.Logger.Level.ERROR, "a statement failed: " + client.getMessage(),
                client.getCause() == null ? client : client.getCause());
        } else if (thrown instanceof OutOfMemoryError) {
            LOG.log(System.Logger.Level.WARNING, "a statement ran out of memory (" + thrown.getMessage() + "); its "
                + "client was answered 53200");
        }
        return client;
    }

    /**
     * A preparation's failure as {@link #toClient}, but an internal error (XX000) kept with its fault for whoever gives
     * the statement up, which reports it ({@link PreparingFault}): for the engine's preparation, which passes one on as
     * it is ({@link #isPreparingFault}).
     */
    public static RuntimeException whilePreparing(Throwable thrown) {
        RuntimeException client = toClient(thrown);
        return INTERNAL_ERROR.equals(stateOf(client)) ? new PreparingFault(client) : client;
    }

    /** Whether {@code thrown} is an internal error kept for whoever gives up ({@link #whilePreparing}). */
    public static boolean isPreparingFault(Throwable thrown) {
        return thrown instanceof PreparingFault;
    }

    /**
     * {@code e}, the failure of Calcite's {@code prepareStatement}, with its state if it is an internal error's made
     * while preparing ({@link #whilePreparing}), which is reported now ({@link #reported}): Calcite passes that one on
     * as the cause of an {@code SQLException} without a state. Any other is returned as it is.
     */
    static SQLException reportedWhilePreparing(SQLException e, String sql) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PreparingFault f) {
                // as Avatica makes the SQLException of any other state: the state and message, not the error
                return Helper.INSTANCE.createException(e.getMessage(), sql, reported(f));
            }
        }
        return e;
    }

    /**
     * Whether the fault behind {@code thrown} was logged, with its trace, where it happened ({@link #reported}): it,
     * or an exception of its cause chain, was reported; or it is an internal error's {@code SQLException} without a
     * cause, which is what Avatica makes of the error {@code reported} made (it passes on the state and message, not
     * the error). A layer further out then logs one line, not its own trace again (one internal error wrote three
     * traces, ~100 lines).
     */
    public static boolean wasReported(Throwable thrown) {
        if (thrown instanceof SQLException s && INTERNAL_ERROR.equals(s.getSQLState()) && s.getCause() == null) {
            return true;
        }
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (REPORTED.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** The SQLState {@code thrown} carries, if it is an error made here (or Avatica's like it); else null. */
    public static @Nullable String stateOf(Throwable thrown) {
        return thrown instanceof AvaticaClientRuntimeException a ? a.getSqlState() : null;
    }

    /** Whether {@code thrown} is an error made here (or Avatica's like it): it carries its SQLState to the client. */
    public static boolean hasSqlState(Throwable thrown) {
        return thrown instanceof AvaticaClientRuntimeException;
    }

    /**
     * {@code e} saying what is wrong once: Avatica words every failure as {@code Error 0 (42601) : Error while
     * executing SQL "<the statement>": <what is wrong>}; the client has the statement and the SQLState already.
     * Avatica's {@code executeQuery} of a statement without rows, which has no SQLState, is 02000
     * ({@link ClientRefusals#ofQuery}). Anything else is returned as it is.
     */
    static SQLException tidy(SQLException e, @Nullable String sql) {
        SQLException refusal = ClientRefusals.ofQuery(e);
        if (refusal != e) {
            return refusal;
        }
        if (!(e instanceof AvaticaSqlException a) || e instanceof BatchUpdateException) {
            return e;
        }
        String message = a.getErrorMessage();
        if (message.startsWith("Error while preparing") && !a.getStackTraces().isEmpty()) {
            message = a.getStackTraces().get(0); // Calcite's prepare kept only "Error while preparing statement […]"
        }
        for (String prefix : sql == null ? List.of("exception while executing query: ")
            : List.of("Error while executing SQL \"" + sql + "\": ", "Error while preparing statement [" + sql + "]: ",
                "while preparing SQL: " + sql + ": ")) {
            if (message.startsWith(prefix)) {
                message = message.substring(prefix.length());
                break;
            }
        }
        SQLException tidy = new SQLException(message, a.getSQLState(), a.getErrorCode(), a.getCause());
        tidy.setStackTrace(a.getStackTrace());
        return tidy;
    }
}
