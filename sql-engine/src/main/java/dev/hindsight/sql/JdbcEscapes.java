package dev.hindsight.sql;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJdbcFunctionCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * JDBC's escaped functions ({@code {fn CONVERT(x, SQL_DECIMAL)}}, {@code {fn NOW()}}, which BI tools write) as the
 * calls they stand for, put in their place before validation, so that Hindsight's rewrites of those calls apply to
 * them as they apply to the calls written out. Calcite validated the escape through a call of its own, which no
 * rewrite saw:
 * <ul>
 *   <li>{@code {fn CONVERT(x, SQL_DECIMAL)}} (and {@code SQL_NUMERIC}) rounded every value to a whole number, a
 *       {@code DECIMAL(38, 0)}, where {@code CAST(x AS DECIMAL)} keeps its digits ({@link UnconstrainedNumeric});</li>
 *   <li>{@code {fn NOW()}} and {@code {fn CURTIME()}} were typed without their milliseconds, so a driver's
 *       {@code getString} cut them, where {@code NOW()} keeps them;</li>
 *   <li>{@code {fn CHAR(n)}} took {@code n} modulo 256 ({@code {fn CHAR(8364)}} was '¬', not '€') and failed on a
 *       {@code BIGINT}: it is PostgreSQL's {@code CHR(n)} now, with its errors.</li>
 *   <li>{@code {fn DAYNAME(d)}}, {@code {fn MONTHNAME(d)}} and {@code {fn SPACE(n)}}, which the driver's function
 *       lists name, stood for MySQL's functions, which the engine does not have (42883): they are
 *       {@code TO_CHAR(d, 'FMDay')}, {@code TO_CHAR(d, 'FMMonth')} ("Thursday", "February") and
 *       {@code REPEAT(' ', n)}.</li>
 * </ul>
 * A function the escape does not know is left to Calcite, which says so (42000).
 */
final class JdbcEscapes {

    /** The functions Calcite's escape knows, by their upper-case names (the grammar folds the name's case). */
    private static final Set<String> KNOWN = Stream.of(SqlJdbcFunctionCall.getStringFunctions(),
            SqlJdbcFunctionCall.getNumericFunctions(), SqlJdbcFunctionCall.getTimeDateFunctions(),
            SqlJdbcFunctionCall.getSystemFunctions())
        .flatMap(list -> Arrays.stream(list.split(",")))
        .collect(Collectors.toUnmodifiableSet());

    private JdbcEscapes() {
    }

    /** {@code call}, or if it is an escaped function the escape knows, the call it stands for. */
    static SqlCall rewrite(SqlCall call) {
        if (!(call.getOperator() instanceof SqlJdbcFunctionCall escape) || !KNOWN.contains(name(escape))) {
            return call;
        }
        SqlCall lookup = escape.getLookupCall();
        SqlParserPos pos = call.getParserPosition();
        if (SqlLibraryOperators.CHAR.equals(lookup.getOperator())) {
            return function("CHR", pos, lookup.getOperandList());
        }
        return switch (name(escape)) {
            case "DAYNAME" -> function("TO_CHAR", pos, List.of(lookup.operand(0),
                SqlLiteral.createCharString("FMDay", pos)));
            case "MONTHNAME" -> function("TO_CHAR", pos, List.of(lookup.operand(0),
                SqlLiteral.createCharString("FMMonth", pos)));
            case "SPACE" -> function("REPEAT", pos, List.of(SqlLiteral.createCharString(" ", pos), lookup.operand(0)));
            default -> DatetimeCasts.withMillis(lookup); // {fn NOW()}, {fn CURTIME()}: typed as NOW() written out
        };
    }

    /** A call of the function {@code name}, resolved as one written out would be. */
    private static SqlCall function(String name, SqlParserPos pos, List<SqlNode> operands) {
        return new SqlUnresolvedFunction(new SqlIdentifier(name, pos), null, null, null, null,
            SqlFunctionCategory.STRING).createCall(pos, operands);
    }

    /** The escaped name: the operator is named {@code {fn NAME}}. */
    private static String name(SqlJdbcFunctionCall escape) {
        String name = escape.getName();
        return name.substring("{fn ".length(), name.length() - 1).toUpperCase(Locale.ROOT);
    }
}
