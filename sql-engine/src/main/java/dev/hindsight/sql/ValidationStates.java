package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import java.util.Map;
import org.apache.calcite.runtime.CalciteContextException;

/**
 * The SQLState of a statement Calcite's validator refused, as PostgreSQL's for the same mistake: a table that is not
 * there is 42P01, so that a tool that asks "does this table exist?" by running a query (migration tools, ORMs'
 * schema checks) reads the answer it knows; anything not listed stays 42000.
 *
 * <p>The validator's exceptions carry no code, only text from Calcite's resource bundle
 * ({@code CalciteResource.properties}), so the kind is read from the start of that text, without the
 * {@code From line 1, column 8 …:} position in front.
 */
final class ValidationStates {

    /** Prefixes of Calcite's messages, in the order they are tried, each with PostgreSQL's SQLState. */
    private static final List<Map.Entry<String, String>> BY_PREFIX = List.of(
        Map.entry("Object '", "42P01"), // undefined_table: FROM nope, FROM sys.nope
        Map.entry("Table '", "42P01"), // t.col with no t in FROM (PostgreSQL: missing FROM-clause entry)
        Map.entry("Column '", "42703"), // undefined_column; "… is ambiguous" is told apart below
        Map.entry("Unknown target column '", "42703"), // INSERT INTO events (nope)
        Map.entry("Unknown identifier '", "42703"),
        Map.entry("Unknown field '", "42703"),
        Map.entry("No match found for function signature", "42883"), // undefined_function
        Map.entry("Cannot apply '", "42883"), // no operator or function for these types (PostgreSQL: 42883)
        Map.entry("Invalid number of arguments to function '", "42883"),
        Map.entry("Expression '", "42803"), // grouping_error: "… is not being grouped"
        Map.entry("Aggregate expression", "42803"), // "… is illegal in WHERE clause", "… cannot be nested"
        Map.entry("Target column '", "42701"), // duplicate_column: "… is assigned more than once"
        Map.entry("Duplicate relation name '", "42712"), // duplicate_alias
        Map.entry("Values passed to ", "42804"), // datatype_mismatch: "… operator must have compatible types"
        Map.entry("Values in expression list must have compatible types", "42804"),
        Map.entry("Type mismatch in column", "42804"),
        Map.entry("Cannot assign to target field '", "42804"),
        Map.entry("WHERE clause must be a condition", "42804"), // PostgreSQL: argument of WHERE must be boolean
        Map.entry("HAVING clause must be a condition", "42804"),
        Map.entry("Cast function cannot convert value of type", "42846"), // cannot_coerce
        Map.entry("Column count mismatch in ", "42601")); // PostgreSQL: each UNION query must have the same number

    private ValidationStates() {
    }

    /** {@code e} as an error with the SQLState of its kind (42000 when it is none of the above), its text as it is. */
    static RuntimeException of(CalciteContextException e) {
        return SqlErrors.of(stateOf(e), e.getMessage());
    }

    /** The SQLState for the validator's {@code e}. */
    static String stateOf(CalciteContextException e) {
        String what = e.getCause() != null && e.getCause().getMessage() != null
            ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        for (Map.Entry<String, String> kind : BY_PREFIX) {
            if (what.startsWith(kind.getKey())) {
                return kind.getValue().equals("42703") && what.contains("' is ambiguous") ? "42702" : kind.getValue();
            }
        }
        return SqlErrors.SYNTAX_ERROR_OR_ACCESS_RULE;
    }
}
