package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * {@code (s1, e1) OVERLAPS (s2, e2)} as the SQL standard and PostgreSQL answer it: each period half-open, from its
 * start up to but not including its end (one of no length is its one instant), so periods that only meet do not
 * overlap; an end given as an interval is counted from the start; the ends of a period in either order. Calcite
 * took the periods as closed: {@code (1 Jan, 2 Jan) OVERLAPS (2 Jan, 3 Jan)} was true, and it answered NULL wherever
 * an end was NULL, where PostgreSQL knows the answer without it ({@code (1 Jan 2024, NULL) OVERLAPS (1 Jan 2023,
 * 5 Jan 2024)} is true). The steps are PostgreSQL's {@code overlaps_timestamp}, written as one {@code CASE}.
 */
final class PeriodOverlaps {

    private PeriodOverlaps() {
    }

    /** Whether {@code call} is {@code OVERLAPS} (not Calcite's other period predicates, which keep its meaning). */
    static boolean applies(SqlCall call) {
        return call.getKind() == SqlKind.OVERLAPS;
    }

    static RexNode convert(SqlRexContext cx, SqlCall call) {
        RexBuilder rex = cx.getRexBuilder();
        RexNode[] first = period(cx, call.operand(0));
        RexNode[] second = period(cx, call.operand(1));
        RexNode s1 = first[0];
        RexNode e1 = first[1];
        RexNode s2 = second[0];
        RexNode e2 = second[1];
        RexNode unknown = rex.makeNullLiteral(rex.getTypeFactory().createSqlType(SqlTypeName.BOOLEAN));
        RexNode after = rex.makeCall(SqlStdOperatorTable.GREATER_THAN, s1, s2);
        RexNode before = rex.makeCall(SqlStdOperatorTable.LESS_THAN, s1, s2);
        List<RexNode> cases = new ArrayList<>();
        whenNull(rex, cases, List.of(s1, s2), null, unknown);
        startsLater(rex, cases, after, s1, e1, e2, unknown);
        startsLater(rex, cases, before, s2, e2, e1, unknown);
        // both start at once: they overlap, if both ends are known
        whenNull(rex, cases, List.of(e1, e2), null, unknown);
        cases.add(rex.makeLiteral(true));
        RelDataType type = cx.getValidator().getValidatedNodeType(call);
        return rex.ensureType(type, rex.makeCall(SqlStdOperatorTable.CASE, cases), true);
    }

    /**
     * Adds the cases where one period starts later ({@code when}, its start {@code start}, its end {@code end}): it
     * overlaps the other if it starts before the other ends ({@code otherEnd}); unknown where an end it needs is NULL.
     */
    private static void startsLater(RexBuilder rex, List<RexNode> cases, RexNode when, RexNode start, RexNode end,
                                    RexNode otherEnd, RexNode unknown) {
        whenNull(rex, cases, List.of(otherEnd), when, unknown);
        cases.add(rex.makeCall(SqlStdOperatorTable.AND, when, rex.makeCall(SqlStdOperatorTable.LESS_THAN, start,
            otherEnd)));
        cases.add(rex.makeLiteral(true));
        whenNull(rex, cases, List.of(end), when, unknown);
        cases.add(when);
        cases.add(rex.makeLiteral(false));
    }

    /** Adds {@code WHEN [and AND] (any of nodes IS NULL) THEN value}, for those of {@code nodes} that may be NULL. */
    private static void whenNull(RexBuilder rex, List<RexNode> cases, List<RexNode> nodes, RexNode and,
                                 RexNode value) {
        List<RexNode> nulls = new ArrayList<>();
        for (RexNode n : nodes) {
            if (n.getType().isNullable()) {
                nulls.add(rex.makeCall(SqlStdOperatorTable.IS_NULL, n));
            }
        }
        if (nulls.isEmpty()) {
            return;
        }
        RexNode any = nulls.size() == 1 ? nulls.get(0) : rex.makeCall(SqlStdOperatorTable.OR, nulls);
        cases.add(and == null ? any : rex.makeCall(SqlStdOperatorTable.AND, and, any));
        cases.add(value);
    }

    /**
     * A period's start and end: its two values, the lesser first (a NULL one's other as the start, with no end), as
     * PostgreSQL orders them; an interval for the end is counted from the start; a single value is a period of no
     * length.
     */
    private static RexNode[] period(SqlRexContext cx, SqlNode operand) {
        RexBuilder rex = cx.getRexBuilder();
        RexNode a;
        RexNode b;
        if (operand.getKind() == SqlKind.ROW) {
            a = cx.convertExpression(((SqlCall) operand).operand(0));
            b = cx.convertExpression(((SqlCall) operand).operand(1));
            if (SqlTypeUtil.isInterval(b.getType())) {
                b = rex.makeCall(SqlStdOperatorTable.DATETIME_PLUS, a, b);
            }
        } else {
            a = cx.convertExpression(operand);
            b = a;
        }
        RexNode swap = rex.makeCall(SqlStdOperatorTable.LESS_THAN, b, a);
        RexNode nullEnd = rex.makeNullLiteral(b.getType());
        RexNode start = a.getType().isNullable()
            ? rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.IS_NULL, a), b, swap, b, a)
            : rex.makeCall(SqlStdOperatorTable.CASE, swap, b, a);
        RexNode end = a.getType().isNullable()
            ? rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.IS_NULL, a), nullEnd, swap, a, b)
            : rex.makeCall(SqlStdOperatorTable.CASE, swap, a, b);
        return new RexNode[] {start, end};
    }
}
