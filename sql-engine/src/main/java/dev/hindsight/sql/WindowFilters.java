package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * An aggregate's {@code FILTER} in a window, as PostgreSQL's: {@code SUM(x) FILTER (WHERE c) OVER (ORDER BY t)}
 * sums the frame's rows where {@code c} holds. Calcite's validator refused it (42000, "OVER must be applied to
 * aggregate function"). Before validation ({@link HindsightSqlValidator#performUnconditionalRewrites}), an aggregate
 * that leaves NULLs out takes the value only where the condition holds:
 *
 * <pre>
 *   agg(x, …) FILTER (WHERE c) OVER w   →   agg(CASE WHEN c THEN x END, …) OVER w    (a pair with a NULL is left out)
 *   COUNT(*) FILTER (WHERE c) OVER w    →   COUNT(CASE WHEN c THEN 1 END) OVER w
 * </pre>
 *
 * Others ({@code ARRAY_AGG} and {@code STRING_AGG} keep NULLs; {@code ROW_NUMBER}, {@code LAG} … are no aggregates)
 * are refused, 0A000, as PostgreSQL refuses a window function's; so is a condition with a sub-query, and one with an
 * aggregate is 42803, as PostgreSQL's.
 */
final class WindowFilters {

    /** The aggregates that leave out a row whose value (or either of a pair's) is NULL: the same with a CASE. */
    private static final Set<String> LEAVING_NULLS_OUT = Set.of("SUM", "AVG", "MIN", "MAX", "COUNT", "VAR_POP",
        "VAR_SAMP", "VARIANCE", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "COVAR_POP", "COVAR_SAMP", "CORR",
        "REGR_COUNT", "REGR_SXX", "REGR_SYY", "REGR_SXY", "REGR_AVGX", "REGR_AVGY", "REGR_SLOPE", "REGR_INTERCEPT",
        "REGR_R2", "BIT_AND", "BIT_OR", "BIT_XOR", "BOOL_AND", "BOOL_OR", "EVERY");

    /** The functions that are windows' alone, no aggregates. */
    private static final Set<String> WINDOW_FUNCTIONS = Set.of("ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK",
        "CUME_DIST", "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE");

    /** Aggregates a filter may not hold, as PostgreSQL's (42803), which the CASE made of it would take. */
    private static final Set<String> AGGREGATES = Stream.concat(LEAVING_NULLS_OUT.stream(),
        Stream.of("ARRAY_AGG", "STRING_AGG", "LISTAGG")).collect(Collectors.toUnmodifiableSet());

    /** PostgreSQL's SQLState for an aggregate where none may stand. */
    private static final String GROUPING_ERROR = "42803";

    private WindowFilters() {
    }

    /** Whether {@code node} or a node inside it is one {@code test} accepts. */
    private static boolean contains(SqlNode node, Predicate<SqlNode> test) {
        if (test.test(node)) {
            return true;
        }
        if (node instanceof SqlNodeList list) {
            return list.stream().anyMatch(member -> member != null && contains(member, test));
        }
        return node instanceof SqlCall call
            && call.getOperandList().stream().anyMatch(operand -> operand != null && contains(operand, test));
    }

    /** {@code call} without a {@code FILTER} in its window's aggregate, or {@code call} itself when it has none. */
    static SqlCall rewrite(SqlCall call) {
        if (call.getKind() != SqlKind.OVER || !(call.operand(0) instanceof SqlCall filter)
            || filter.getKind() != SqlKind.FILTER) {
            return call;
        }
        SqlCall aggregate = filter.operand(0);
        String name = aggregate.getOperator().getName().toUpperCase(Locale.ROOT);
        if (WINDOW_FUNCTIONS.contains(name)) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED,
                "FILTER is not implemented for non-aggregate window functions");
        }
        if (!LEAVING_NULLS_OUT.contains(name) || aggregate.operandCount() == 0) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "FILTER is not implemented in a window for "
                + name + ": write the condition into the value (CASE WHEN … THEN x END) or filter the rows");
        }
        SqlNode condition = filter.operand(1);
        if (contains(condition, node -> node instanceof SqlSelect)) {
            // Calcite's windows cannot compute a sub-query inside the aggregate's value (an internal error)
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a sub-query in the FILTER of a window's aggregate "
                + "is not supported: join its rows instead");
        }
        if (contains(condition, node -> node instanceof SqlCall inner && inner.getKind() != SqlKind.OVER
            && AGGREGATES.contains(inner.getOperator().getName().toUpperCase(Locale.ROOT)))) {
            throw SqlErrors.of(GROUPING_ERROR, "aggregate functions are not allowed in FILTER");
        }
        SqlParserPos pos = aggregate.getParserPosition();
        SqlNode first = aggregate.operand(0);
        SqlNode value = first instanceof SqlIdentifier star && star.isStar()
            ? SqlLiteral.createExactNumeric("1", pos) : first;
        List<SqlNode> operands = new ArrayList<>(aggregate.getOperandList());
        operands.set(0, new SqlCase(pos, null, SqlNodeList.of(condition), SqlNodeList.of(value),
            SqlLiteral.createNull(pos)));
        call.setOperand(0, aggregate.getOperator().createCall(aggregate.getFunctionQuantifier(), pos, operands));
        return call;
    }
}
