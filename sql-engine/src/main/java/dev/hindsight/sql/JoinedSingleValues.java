package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * A correlated scalar sub-query's "more than one row" (21000) is raised for the rows the statement reads, not for
 * every key of the table it reads. Calcite's decorrelation makes {@code (SELECT e.seq FROM events e WHERE
 * e.stream_id = s.stream_id)} a join with {@code SINGLE_VALUE(seq)} grouped by {@code stream_id} over all of
 * {@code events}, which fails on any stream with two events, also those the outer {@code WHERE} removed
 * ({@code … FROM streams s WHERE s.stream_id = 'customer-0001'} was 21000; PostgreSQL answers, as it runs the
 * sub-query for the rows it keeps). Here the grouping counts its rows and keeps a value, and the check is made
 * above the join, on the rows it answers:
 *
 * <pre>
 *   Join(c)                                    Project(…, CASE WHEN HINDSIGHT_ONE_ROW(n) THEN v END, …)
 *     left                            →          Join(c)
 *     Aggregate(k, v: SINGLE_VALUE(x))             left
 *                                                  Aggregate(k, v: ANY_VALUE(x), n: COUNT())
 * </pre>
 *
 * Public for Calcite's generated code, which calls {@link #oneRow}.
 */
public final class JoinedSingleValues {

    /**
     * The check, as a call the planner does not move (not deterministic to it): pushed below the join with the
     * filter it is part of, it was made for every group again.
     */
    private static final SqlUserDefinedFunction CHECK = new SqlUserDefinedFunction(
        new SqlIdentifier("HINDSIGHT_ONE_ROW", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.BOOLEAN_NOT_NULL,
        null, OperandTypes.operandMetadata(List.of(SqlTypeFamily.INTEGER),
            types -> List.of(types.createSqlType(SqlTypeName.BIGINT)), i -> "rows", i -> false),
        ScalarFunctionImpl.create(JoinedSingleValues.class, "oneRow")) {
        @Override
        public boolean isDeterministic() {
            return false;
        }
    };

    private JoinedSingleValues() {
    }

    /** {@code rel} with each such join's check made above it; else itself. */
    static RelNode checkedAboveJoins(RelNode rel) {
        return rel.accept(new EveryNode(JoinedSingleValues::checkedAbove));
    }

    private static RelNode checkedAbove(RelNode node) {
        if (!(node instanceof Join join) || !join.getJoinType().projectsRight()) {
            return node;
        }
        // a comparison with the value (WHERE 1 = (SELECT …)) is a filter over the grouping, made before the join:
        // of an inner join it is made above it, after the check, as well
        Filter filter = join.getJoinType() == JoinRelType.INNER && join.getRight() instanceof Filter f ? f : null;
        RelNode grouped = filter != null ? filter.getInput() : join.getRight();
        if (!(grouped instanceof Aggregate aggregate) || aggregate.getGroupSet().isEmpty()
            || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            return node;
        }
        List<AggregateCall> calls = aggregate.getAggCallList();
        boolean single = false;
        for (AggregateCall call : calls) {
            if (call.getAggregation().getKind() == SqlKind.SINGLE_VALUE) {
                single = true;
                if (!SqlTypeUtil.isComparable(call.getType(), call.getType())
                    || SqlTypeUtil.isCollection(call.getType()) || call.getType().isStruct()) {
                    return node; // ANY_VALUE is MIN's code, which such a value has none of
                }
            }
        }
        if (!single) {
            return node;
        }
        List<AggregateCall> counted = new ArrayList<>();
        for (AggregateCall call : calls) {
            counted.add(call.getAggregation().getKind() != SqlKind.SINGLE_VALUE ? call
                : AggregateCall.create(call.getParserPosition(), SqlStdOperatorTable.ANY_VALUE, false, false,
                    false, call.rexList, call.getArgList(), call.filterArg, call.distinctKeys, call.getCollation(),
                    call.getType(), call.getName()));
        }
        counted.add(AggregateCall.create(SqlParserPos.ZERO, SqlStdOperatorTable.COUNT, false, false, false,
            List.of(), List.of(), -1, null, RelCollations.EMPTY,
            node.getCluster().getTypeFactory().createSqlType(SqlTypeName.BIGINT), "n"));
        Aggregate counting = aggregate.copy(aggregate.getTraitSet(), aggregate.getInput(), aggregate.getGroupSet(),
            null, counted);
        Join joined = join.copy(join.getTraitSet(), join.getCondition(), join.getLeft(), counting,
            join.getJoinType(), join.isSemiJoinDone());
        RelNode checked = checked(join, joined, calls, aggregate.getGroupCount());
        if (filter == null) {
            return checked;
        }
        int left = join.getLeft().getRowType().getFieldCount();
        return LogicalFilter.create(checked, RexUtil.shift(filter.getCondition(), left));
    }

    /** {@code joined}'s rows as {@code join}'s, each {@code SINGLE_VALUE} of {@code calls} checked. */
    private static RelNode checked(Join join, Join joined, List<AggregateCall> calls, int groups) {
        RexBuilder rex = join.getCluster().getRexBuilder();
        List<RelDataTypeField> fields = join.getRowType().getFieldList();
        int left = join.getLeft().getRowType().getFieldCount();
        RexNode n = rex.makeInputRef(joined, joined.getRowType().getFieldCount() - 1);
        List<RexNode> out = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            RexNode field = rex.makeInputRef(joined, i);
            int call = i - left - groups;
            if (call >= 0 && calls.get(call).getAggregation().getKind() == SqlKind.SINGLE_VALUE) {
                // HINDSIGHT_ONE_ROW(n) fails for more than one row, else is true: the value, checked
                RelDataType type = fields.get(i).getType();
                field = rex.makeCall(type, SqlStdOperatorTable.CASE, List.of(rex.makeCall(CHECK, n), field,
                    rex.makeNullLiteral(type)));
            }
            out.add(field);
        }
        return LogicalProject.create(joined, List.of(), out, join.getRowType().getFieldNames(), Set.of());
    }

    /**
     * Whether a group of {@code rows} rows has one value to give: true for one (NULL: the outer row met none);
     * more fails as Calcite's {@code SINGLE_VALUE} does (21000).
     */
    public static boolean oneRow(Long rows) {
        if (rows != null && rows > 1) {
            throw new IllegalStateException("more than one value in agg SINGLE_VALUE");
        }
        return true;
    }
}
