package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Internal: a column tested against a long list of values ({@link #JOINED_FROM} or more) that holds expressions beside
 * its literals and parameters, split into the list of those and lists of the expressions, as parsed:
 *
 * <pre>
 *   version IN (0, 1, …, 999, 1 + 1)      →  version IN (0, 1, …, 999) OR version IN (1 + 1)
 *   version NOT IN (0, 1, …, 999, 1 + 1)  →  version NOT IN (0, 1, …, 999) AND version NOT IN (1 + 1)
 * </pre>
 *
 * <p>Calcite makes such a list a table joined with the column. Literals and parameters alone make it one table ({@code
 * VALUES}, or {@link ValueLists}'s); with an expression among them it is a union, and working out what the union's rows
 * satisfy ({@code RexSimplify.residue}, called while a sub-query is removed) took time that grew with the cube of the
 * list: 200 values 3 s, 1,000 none within minutes, a core kept busy after its client left (the fuzz hunt), all inside
 * one rule, where the planning deadline is never looked at. The truth values are the same, NULLs included: {@code x IN
 * (A, B)} is {@code x IN (A) OR x IN (B)} in three-valued logic, and {@code NOT IN} its negation. Expressions are put
 * in lists of fewer than {@link #JOINED_FROM}, which Calcite writes out as comparisons. Only for a column (or a
 * qualified one): anything else would be computed once per list.
 */
final class LongInLists {

    /** The length from which Calcite makes a list a table joined (its converter's default inSubQueryThreshold). */
    static final int JOINED_FROM = SqlToRelConverter.DEFAULT_IN_SUB_QUERY_THRESHOLD;

    private LongInLists() {
    }

    /** {@code call} split as above, or {@code call} itself if it is no such test. */
    static SqlCall rewrite(SqlCall call) {
        if ((call.getKind() != SqlKind.IN && call.getKind() != SqlKind.NOT_IN) || call.operandCount() != 2
            || !(call.operand(0) instanceof SqlIdentifier column) || !(call.operand(1) instanceof SqlNodeList list)
            || list.size() < JOINED_FROM) {
            return call;
        }
        List<SqlNode> literals = new ArrayList<>();
        List<SqlNode> expressions = new ArrayList<>();
        for (SqlNode value : list) {
            (value instanceof SqlLiteral || value instanceof SqlDynamicParam ? literals : expressions).add(value);
        }
        if (expressions.isEmpty() || (literals.isEmpty() && expressions.size() < JOINED_FROM)) {
            return call;
        }
        SqlOperator test = call.getOperator();
        SqlOperator join = call.getKind() == SqlKind.IN ? SqlStdOperatorTable.OR : SqlStdOperatorTable.AND;
        SqlParserPos pos = call.getParserPosition();
        SqlCall split = literals.isEmpty() ? null : test.createCall(pos, column, new SqlNodeList(literals, pos));
        for (int from = 0; from < expressions.size(); from += JOINED_FROM - 1) {
            List<SqlNode> part = expressions.subList(from, Math.min(expressions.size(), from + JOINED_FROM - 1));
            // each test its own copy of the column: the validator qualifies an identifier where it stands
            SqlCall tested = test.createCall(pos, split == null ? column : column.clone(pos),
                new SqlNodeList(part, pos));
            split = split == null ? tested : join.createCall(pos, split, tested);
        }
        return split;
    }
}
