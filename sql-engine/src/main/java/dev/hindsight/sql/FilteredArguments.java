package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * An aggregate's argument computed only for the rows its {@code FILTER} keeps, as PostgreSQL computes it: Calcite
 * computes every argument in the project below the aggregate, for every row, so {@code SUM(CAST(x AS BIGINT)) FILTER
 * (WHERE x SIMILAR TO '[0-9]+')} failed (22018) on the rows the filter was written to leave out. An argument of
 * COUNT, SUM, MIN, MAX, AVG or LATEST ({@link #TYPED_WITH_THEIR_FILTER}) that is more than a column or a literal
 * becomes {@code CASE WHEN filter THEN argument END} in a column of its own: the
 * aggregate never sees the NULL of a row its filter drops, so the answer is the same wherever the argument computes.
 */
final class FilteredArguments extends RelHomogeneousShuttle {

    /**
     * The aggregates whose type is the same for a nullable argument once they are filtered (a filtered one is
     * nullable anyway, or never NULL): the argument of another ({@code ARRAY_AGG}, {@code STRING_AGG}, whose types
     * follow their argument's) is left as it is, as the aggregate's type must stay the one inferred.
     */
    private static final Set<SqlKind> TYPED_WITH_THEIR_FILTER = EnumSet.of(SqlKind.COUNT, SqlKind.SUM, SqlKind.SUM0,
        SqlKind.MIN, SqlKind.MAX, SqlKind.AVG, SqlKind.ARG_MAX, SqlKind.ARG_MIN);

    private FilteredArguments() {
    }

    /** {@code rel} with the arguments of its filtered aggregates guarded by their filters. */
    static RelNode guard(RelNode rel) {
        return rel.accept(new FilteredArguments());
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode rel = super.visit(other);
        if (!(rel instanceof Aggregate agg) || !(agg.getInput() instanceof Project project)) {
            return rel;
        }
        RexBuilder rex = agg.getCluster().getRexBuilder();
        List<RexNode> exprs = new ArrayList<>(project.getProjects());
        List<String> names = new ArrayList<>(project.getRowType().getFieldNames());
        List<AggregateCall> calls = new ArrayList<>();
        boolean guarded = false;
        for (AggregateCall call : agg.getAggCallList()) {
            List<Integer> args = new ArrayList<>();
            for (int arg : call.getArgList()) {
                RexNode e = project.getProjects().get(arg);
                if (call.filterArg < 0 || e instanceof RexInputRef || e instanceof RexLiteral
                    || !TYPED_WITH_THEIR_FILTER.contains(call.getAggregation().getKind())) {
                    args.add(arg);
                    continue;
                }
                RexNode none = rex.makeNullLiteral(rex.getTypeFactory().createTypeWithNullability(e.getType(), true));
                exprs.add(rex.makeCall(SqlStdOperatorTable.CASE, exprs.get(call.filterArg), e, none));
                names.add(null); // named by the suggester below
                args.add(exprs.size() - 1);
                guarded = true;
            }
            calls.add(call.withArgList(args));
        }
        if (!guarded) {
            return rel;
        }
        Project computed = project.copy(project.getTraitSet(), project.getInput(), exprs,
            RexUtil.createStructType(rex.getTypeFactory(), exprs, names, SqlValidatorUtil.F_SUGGESTER));
        return agg.copy(agg.getTraitSet(), computed, agg.getGroupSet(), agg.getGroupSets(), calls);
    }
}
