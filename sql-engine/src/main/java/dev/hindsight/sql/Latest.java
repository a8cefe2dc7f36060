package dev.hindsight.sql;

import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * The aggregate {@code LATEST(expr)} (SPEC §3): the value of {@code expr} from the event with the highest
 * {@code seq} of the group, written on the parsed tree as Calcite's {@code ARG_MAX(expr, seq)}, so it answers the
 * same whatever order rows arrive in, in queries and projections alike. It needs a {@code seq} column in scope
 * (the {@code events} table); elsewhere the validator says {@code seq} is not found.
 */
final class Latest {

    private Latest() {
    }

    /** {@code ARG_MAX(expr, seq)} for {@code LATEST(expr)}; any other node as it is. */
    static SqlNode rewrite(SqlNode node) {
        if (node instanceof SqlCall call && call.getOperator() instanceof SqlUnresolvedFunction
            && call.operandCount() == 1
            && call.getOperator().getName().toLowerCase(Locale.ROOT).equals("latest")) {
            return SqlStdOperatorTable.ARG_MAX.createCall(call.getFunctionQuantifier(), call.getParserPosition(),
                call.operand(0), new SqlIdentifier("seq", call.getParserPosition()));
        }
        return node;
    }
}
