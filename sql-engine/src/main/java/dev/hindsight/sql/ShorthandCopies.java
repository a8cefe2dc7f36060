package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJdbcFunctionCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A limit on the copies a statement's shorthand makes of its operands when Calcite writes it out. Calcite plans
 * {@code NULLIF(x, y)} as {@code CASE WHEN x = y THEN NULL ELSE x END}, {@code COALESCE(a, b)} (and {@code {fn
 * IFNULL(a, b)}}) as {@code CASE WHEN a IS NOT NULL THEN a ELSE b END}, {@code GREATEST} and {@code LEAST} as a CASE
 * comparing each operand with each other, {@code x BETWEEN a AND b} as {@code x >= a AND x <= b}, {@code x IS
 * DISTINCT FROM y} as {@code x = y IS NOT TRUE AND (x IS NOT NULL OR y IS NOT NULL)}, {@code CASE x WHEN 1, 2 THEN …
 * WHEN 3 THEN …} as {@code x = 1 OR x = 2}, {@code x = 3}, and {@code x IN (a, b)} ({@code NOT IN}, {@code > ALL},
 * {@code = SOME}) as {@code x = a OR x = b} unless the list is 20 values or more, and a common table expression
 * wherever it is named: each names an operand again, so each level of a nest of them multiplies the work of
 * planning. Eighteen nested {@code NULLIF(…, 99)} did not plan
 * within a minute, forty would never have: a statement of a few hundred bytes could occupy a core through
 * {@code POST /v1/sql}. Such a statement is refused before it is planned, with 54001 (PostgreSQL's "statement too
 * complex"), naming the count.
 *
 * <p>The count is the statement's terms once the shorthand is written out, less its terms as written: operand
 * {@code i} of such a call counts as many times as the form above names it. Planning took some 0.2 ms a copy at most
 * (NULLIF's, which Calcite copies whole; measured 2026-12-04, 12,000 copies in 2.4 s), so a statement just within the
 * limit plans in a few seconds, while a hand-written one, even a CASE of a thousand WHENs over an expression of a few
 * terms, stays well below it.
 */
final class ShorthandCopies {

    /** The most copies a statement's shorthand may make. */
    static final long LIMIT = 20_000;

    /** The lists of values that the comparison of {@code x} with each is written out for. */
    private static final Set<SqlKind> LISTS = EnumSet.of(SqlKind.IN, SqlKind.NOT_IN, SqlKind.SOME, SqlKind.ALL);

    /**
     * The length from which Calcite makes a list of values, {@code x IN (1, 2, …)}, a table joined once rather than
     * one comparison of {@code x} per value ({@code SqlToRelConverter}'s default {@code inSubQueryThreshold}).
     */
    private static final int WRITTEN_OUT_BELOW = SqlToRelConverter.DEFAULT_IN_SUB_QUERY_THRESHOLD;

    /** Beyond any limit, where a count stops (a trillion), so that no sum or product of counts overflows. */
    private static final long CEILING = 1L << 40;

    private final IdentityHashMap<SqlNode, Long> expanded = new IdentityHashMap<>();

    /** The terms of the common table expressions in scope, by name in upper case. */
    private final Map<String, Long> namedQueries = new HashMap<>();

    private ShorthandCopies() {
    }

    /**
     * Refuses {@code statement} (as parsed, before validation) if its shorthand would make more than {@link #LIMIT}
     * copies of operands.
     *
     * @throws RuntimeException with SQLState 54001 naming the count and the limit
     */
    static void check(SqlNode statement) {
        ShorthandCopies count = new ShorthandCopies();
        long terms = count.expand(statement);
        long copies = terms - count.expanded.size();
        if (copies > LIMIT) {
            throw SqlErrors.of(SqlErrors.STATEMENT_TOO_COMPLEX, "statement too complex: written out, its shorthand "
                + "(NULLIF, COALESCE, GREATEST, LEAST, BETWEEN, IS DISTINCT FROM, IN, ANY, ALL, CASE x WHEN) and the "
                + "common table expressions it names more than once copy "
                + (terms == CEILING ? "more than a trillion" : String.valueOf(copies)) + " terms, more than the "
                + LIMIT + " allowed (each level of a nest of them multiplies the count): nest fewer of them, or "
                + "compute the inner ones in a sub-query");
        }
    }

    /** The terms of {@code node} with its shorthand written out; each distinct node entered in {@link #expanded}. */
    private long expand(@Nullable SqlNode node) {
        if (node == null) {
            return 0;
        }
        Long known = expanded.get(node);
        if (known != null) {
            return known;
        }
        long terms;
        if (node instanceof SqlWith with) {
            terms = withQueries(with);
        } else if (node instanceof SqlIdentifier name && name.isSimple()
            && namedQueries.containsKey(name.getSimple().toUpperCase(Locale.ROOT))) {
            // a common table expression is written out where it is named
            terms = Math.min(CEILING, 1 + namedQueries.get(name.getSimple().toUpperCase(Locale.ROOT)));
        } else if (node instanceof SqlNodeList list) {
            terms = 1;
            for (SqlNode item : list) {
                terms = Math.min(CEILING, terms + expand(item));
            }
        } else if (node instanceof SqlCall call) {
            List<@Nullable SqlNode> operands = call.getOperandList();
            terms = 1;
            for (int i = 0; i < operands.size(); i++) {
                long times = timesNamed(call, i);
                long operand = expand(operands.get(i));
                terms = operand > CEILING / times ? CEILING : Math.min(CEILING, terms + times * operand);
            }
        } else {
            terms = 1;
        }
        expanded.put(node, terms);
        return terms;
    }

    /**
     * The terms of a {@code WITH} statement: each of its queries counts where it is named, in its body and the
     * queries after it (Calcite converts a common table expression again wherever it is named, where PostgreSQL
     * computes one named twice once), not where it is defined.
     */
    private long withQueries(SqlWith with) {
        Map<String, Long> around = new HashMap<>(namedQueries);
        for (SqlNode item : with.withList) {
            SqlWithItem query = (SqlWithItem) item;
            long terms = expand(query.query); // entered as written
            namedQueries.put(query.name.getSimple().toUpperCase(Locale.ROOT), terms);
        }
        long terms = Math.min(CEILING, 1 + expand(with.body));
        namedQueries.clear();
        namedQueries.putAll(around);
        return terms;
    }

    /** How many times the form {@code call} is written out as names its operand {@code i}. */
    private static long timesNamed(SqlCall call, int i) {
        if (call.getKind() == SqlKind.BETWEEN) { // NOT BETWEEN too; SYMMETRIC is either order, so twice as many
            return (i == 0 ? 2L : 1L) * (call.getOperator() instanceof SqlBetweenOperator between
                && between.flag == SqlBetweenOperator.Flag.SYMMETRIC ? 2 : 1);
        }
        if (call.getKind() == SqlKind.IS_DISTINCT_FROM || call.getKind() == SqlKind.IS_NOT_DISTINCT_FROM) {
            return 2; // x = y IS NOT TRUE AND (x IS NOT NULL OR y IS NOT NULL)
        }
        if (LISTS.contains(call.getKind()) && i == 0 && call.operand(1) instanceof SqlNodeList list) {
            // x = a OR x = b OR …, unless the list is long and all values: then one table of them, x joined once
            return list.size() < WRITTEN_OUT_BELOW || !list.stream().allMatch(ShorthandCopies::value)
                ? Math.max(1, list.size()) : 1;
        }
        if (call instanceof SqlCase simple && simple.getValueOperand() != null && i == 0) {
            long values = 0; // CASE x WHEN 1, 2 … WHEN 3 …: x = 1 OR x = 2, x = 3
            for (SqlNode when : simple.getWhenOperands()) {
                values += when instanceof SqlNodeList list ? list.size() : 1;
            }
            return Math.max(1, values);
        }
        int k = call.operandCount();
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT); // functions are unresolved as parsed
        if (call.getOperator() instanceof SqlJdbcFunctionCall && name.startsWith("{FN ") && name.endsWith("}")) {
            name = name.substring(4, name.length() - 1); // {fn IFNULL(a, b)} is COALESCE(a, b)
        }
        return switch (name) {
            case "NULLIF" -> i == 0 ? 2 : 1;
            case "COALESCE", "IFNULL" -> i < k - 1 ? 2 : 1;
            // CASE WHEN a IS NOT NULL AND (b IS NULL OR a > b) AND … THEN a WHEN b IS NOT NULL AND … THEN b … END
            case "GREATEST", "LEAST" -> k + 1L + i;
            default -> 1;
        };
    }

    /** Whether {@code node} is a value: a literal, a parameter, or a literal signed or cast. */
    private static boolean value(SqlNode node) {
        if (node instanceof SqlLiteral || node instanceof SqlDynamicParam) {
            return true;
        }
        return node instanceof SqlCall call && (call.getKind() == SqlKind.MINUS_PREFIX
            || call.getKind() == SqlKind.PLUS_PREFIX || call.getKind() == SqlKind.CAST) && value(call.operand(0));
    }
}
