package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;

/**
 * The SQLState of a statement Calcite's validator refused, as PostgreSQL's for the same mistake: a table that is not
 * there is 42P01, so that a tool that asks "does this table exist?" by running a query (migration tools, ORMs'
 * schema checks) reads the answer it knows; anything not listed stays 42000.
 *
 * <p>The validator's exceptions carry no code, only text from Calcite's resource bundle
 * ({@code CalciteResource.properties}), so the kind is read from the start of that text, without the
 * {@code From line 1, column 8 …:} position in front, and whole enough to tell kinds apart that start alike (a column
 * that has no default is not an unknown one, a table that is not temporal is there).
 */
final class ValidationStates {

    /** Calcite's messages, each as the pattern its start matches, with PostgreSQL's SQLState; tried in order. */
    private static final List<Map.Entry<Pattern, String>> BY_MESSAGE = List.of(
        kind("Object '[^']*' not found", "42P01"), // undefined_table: FROM nope, FROM sys.nope
        kind("Table '[^']*' not found", "42P01"), // nope.seq with no nope in FROM (PostgreSQL: missing FROM entry)
        kind("Unknown identifier '", "42P01"), // nope.* with no nope in FROM
        kind("Column '[^']*' not found", "42703"), // undefined_column
        kind("Unknown target column '", "42703"), // INSERT INTO events (nope)
        kind("Unknown field '", "42703"),
        kind("Column '[^']*' is ambiguous", "42702"), // ambiguous_column
        kind("No match found for function signature", "42883"), // undefined_function
        kind("Cannot apply '", "42883"), // no operator or function for these types (PostgreSQL: 42883)
        kind("Invalid number of arguments to function '", "42883"),
        kind("Expression '[^']*' is not being grouped", "42803"), // grouping_error
        kind("Aggregate expression (is illegal in (WHERE|GROUP|ON)|cannot be nested)", "42803"),
        kind("Expression '[^']*' is not in the select clause", "42P10"), // DISTINCT … ORDER BY another column
        kind("Target column '[^']*' is assigned more than once", "42701"), // duplicate_column
        // INSERT INTO events (stream_id, …) VALUES (NULL, …): PostgreSQL's not_null_violation
        kind("Column '[^']*' has no default value and does not allow NULLs", "23502"),
        kind("Duplicate relation name '", "42712"), // duplicate_alias
        kind("Values passed to [^ ]+ operator must have compatible types", "42804"), // datatype_mismatch
        kind("Values in expression list must have compatible types", "42804"),
        kind("Type mismatch in column", "42804"),
        kind("Cannot assign to target field '", "42804"),
        kind("(WHERE|HAVING) clause must be a condition", "42804"), // PostgreSQL: argument of WHERE must be boolean
        kind("Cast function cannot convert value of type", "42846"), // cannot_coerce
        kind("Table '[^']*' is not a (temporal table|sequence)", "42809"), // wrong_object_type: the table is there
        kind("Column count mismatch in ", "42601"), // PostgreSQL: each UNION query must have the same number
        // INSERT (a, b) VALUES (1): PostgreSQL's "INSERT has more target columns than expressions", a syntax_error
        kind("Number of INSERT target columns \\(\\d+\\) does not equal number of source items", "42601"),
        kind("FILTER clause must be a condition", "42804"), // as WHERE's: PostgreSQL's argument of FILTER …
        kind("Numeric literal '[^']*' out of range", "22003"), // more digits than a DECIMAL(38) holds
        // TIME '10:61:00', DATE '2026-13-01': the shape of one, a field out of range; TIME 'noon': no shape at all
        kind("Illegal DATE literal '\\s*\\d+-\\d+-\\d+\\s*'", "22008"), // datetime_field_overflow
        kind("Illegal TIME literal '\\s*\\d+:\\d+(:\\d+(\\.\\d*)?)?\\s*'", "22008"),
        kind("Illegal TIMESTAMP literal '\\s*\\d+-\\d+-\\d+[ Tt]\\d+:\\d+(:\\d+(\\.\\d*)?)?\\s*'", "22008"),
        kind("Illegal (DATE|TIME|TIMESTAMP) literal '", "22007")); // invalid_datetime_format

    private static final Pattern NOT_NULL = Pattern.compile("Column '([^']*)' has no default value and does not "
        + "allow NULLs");

    private ValidationStates() {
    }

    /** {@code e} as an error with the SQLState of its kind (42000 when it is none of the above), its text as it is. */
    static RuntimeException of(CalciteContextException e) {
        Matcher notNull = e.getCause() == null || e.getCause().getMessage() == null ? null
            : NOT_NULL.matcher(e.getCause().getMessage());
        if (notNull != null && notNull.lookingAt()) {
            // a NULL literal in the INSERT: PostgreSQL's words, as for a NULL bound or computed (Calcite's said
            // schema_version, which has one, had no default)
            return EventsTable.notNull(notNull.group(1));
        }
        // Calcite names one format, though ISO-8601 forms are read too (IsoTimestampCast)
        return SqlErrors.of(stateOf(e), e.getMessage().replace("not in format 'yyyy-MM-dd HH:mm:ss'",
            "not in format 'yyyy-MM-dd HH:mm:ss' nor ISO-8601 ('2026-11-01T10:00:00.250Z')"));
    }

    /** The SQLState for the validator's {@code e}. */
    static String stateOf(CalciteContextException e) {
        String what = e.getCause() != null && e.getCause().getMessage() != null
            ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        for (Map.Entry<Pattern, String> kind : BY_MESSAGE) {
            if (kind.getKey().matcher(what).lookingAt()) {
                return kind.getValue();
            }
        }
        return SqlErrors.SYNTAX_ERROR_OR_ACCESS_RULE;
    }

    private static Map.Entry<Pattern, String> kind(String start, String state) {
        return Map.entry(Pattern.compile(start), state);
    }
}
