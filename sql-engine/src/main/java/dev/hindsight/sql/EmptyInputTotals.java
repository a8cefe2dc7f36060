package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The grand total of {@code ROLLUP}, {@code CUBE} and {@code GROUPING SETS} with {@code ()} over no rows, as
 * PostgreSQL and the standard give it: one row, its group columns NULL, {@code COUNT} 0, {@code GROUPING(…)} all
 * ones, other aggregates NULL. Calcite groups the rows once per set and so made no group at all of no rows (an empty
 * answer where {@code GROUP BY ()} alone answers one row). A {@link Program} step before the statement's
 * optimisation ({@link HindsightPreparingStmt#getProgram}):
 *
 * <pre>
 *   Aggregate(sets with one ())          →   UNION ALL
 *                                              Aggregate(sets with one ())              as it was
 *                                              Project(NULL …, 0, 3, NULL …)             the total of no rows
 *                                                Filter(n = 0)                          only if there are none
 *                                                  Aggregate(n = COUNT(*))
 *                                                    Sort(FETCH 1)                      one row read, at most
 *                                                      the same input
 * </pre>
 *
 * A set of {@code ()} written twice Calcite already answers as a union; an aggregate of a type that is not NULL over
 * no rows, other than those above, is left as it was, and so is one in a correlated sub-query, whose decorrelation
 * gives every outer row its total already.
 */
final class EmptyInputTotals implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new EmptyInputTotals();

    private EmptyInputTotals() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        return rel.accept(new EveryNode(node -> node instanceof LogicalAggregate aggregate ? rewrite(aggregate)
            : node));
    }

    private static RelNode rewrite(LogicalAggregate aggregate) {
        List<ImmutableBitSet> sets = aggregate.getGroupSets();
        if (sets.size() < 2 || sets.stream().filter(ImmutableBitSet::isEmpty).count() != 1
            || !RelOptUtil.getVariablesUsed(aggregate.getInput()).isEmpty()) {
            return aggregate; // correlated: Calcite's decorrelation joins a total to every outer row already
        }
        RexBuilder rex = aggregate.getCluster().getRexBuilder();
        List<RexNode> total = new ArrayList<>();
        List<RelDataTypeField> fields = aggregate.getRowType().getFieldList();
        for (RelDataTypeField group : fields.subList(0, aggregate.getGroupCount())) {
            total.add(rex.makeNullLiteral(group.getType()));
        }
        for (AggregateCall call : aggregate.getAggCallList()) {
            RexNode value = overNoRows(rex, call);
            if (value == null) {
                return aggregate;
            }
            total.add(value);
        }
        RelNode input = aggregate.getInput();
        RelDataType bigint = rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
        RelNode first = LogicalSort.create(input, RelCollations.EMPTY, null, rex.makeExactLiteral(BigDecimal.ONE));
        RelNode counted = LogicalAggregate.create(first, List.of(), ImmutableBitSet.of(), null,
            List.of(AggregateCall.create(SqlStdOperatorTable.COUNT, false, false, false, List.of(), List.of(), -1, null,
                RelCollations.EMPTY, bigint, "n")));
        RelNode none = LogicalFilter.create(counted, rex.makeCall(SqlStdOperatorTable.EQUALS,
            RexInputRef.of(0, counted.getRowType()), rex.makeExactLiteral(BigDecimal.ZERO, bigint)));
        RelNode row = LogicalProject.create(none, List.of(), total, aggregate.getRowType().getFieldNames(), Set.of());
        return LogicalUnion.create(List.of(aggregate, row), true);
    }

    /** What {@code call} is over no rows, typed as it is, or null when this step does not know. */
    private static RexNode overNoRows(RexBuilder rex, AggregateCall call) {
        RelDataType type = call.getType();
        return switch (call.getAggregation().getKind()) {
            case COUNT, GROUP_ID -> rex.makeExactLiteral(BigDecimal.ZERO, type);
            case GROUPING, GROUPING_ID -> rex.makeExactLiteral(BigDecimal.valueOf((1L << call.getArgList().size()) - 1),
                type);
            default -> type.isNullable() ? rex.makeNullLiteral(type) : null;
        };
    }
}
