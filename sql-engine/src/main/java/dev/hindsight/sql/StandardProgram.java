package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRules;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.sql2rel.TopDownGeneralDecorrelator;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilder;

/**
 * Calcite's standard optimisation ({@code Programs.standard()}), the same steps in the same order — sub-queries
 * rewritten (the columns they add never mistaken for others of their names, {@link SubQueryRemoval}), the query
 * decorrelated (as the connection's {@code forceDecorrelate} says, unless a sub-query reads a row past the one around
 * it, {@link NestedCorrelation}), measures expanded, a filtered aggregate's arguments computed for the rows it keeps
 * only ({@link FilteredArguments}), unused
 * fields trimmed, the cost-based plan chosen, then projects and filters made calcs and merged — except that two calcs
 * are merged only while that does not multiply their terms ({@link BoundedCalcMerge}), and last the orders the plan
 * relies on checked, with a sort where one is claimed and not there ({@link SortGuard}). Calcite composes its steps in
 * a list it does not expose, so the ones it keeps private (decorrelation, trimming, the cost-based search) are
 * written here as it documents them.
 */
final class StandardProgram {

    /** The program. */
    static final Program PROGRAM = Programs.sequence(
        SubQueryRemoval.PROGRAM,
        StandardProgram::decorrelate,
        Programs.measure(DefaultRelMetadataProvider.INSTANCE),
        (planner, rel, traits, materializations, lattices) -> FilteredArguments.guard(rel),
        StandardProgram::trimFields,
        Programs.hep(List.of(CoreRules.PROJECT_REMOVE, CoreRules.UNION_MERGE, CoreRules.INTERSECT_MERGE), true,
            DefaultRelMetadataProvider.INSTANCE),
        StandardProgram::choosePlan,
        Programs.hep(calcRules(), true, DefaultRelMetadataProvider.INSTANCE),
        (planner, rel, traits, materializations, lattices) -> SortGuard.guard(rel, traits));

    private StandardProgram() {
    }

    private static List<RelOptRule> calcRules() {
        List<RelOptRule> rules = new ArrayList<>(RelOptRules.CALC_RULES);
        rules.replaceAll(rule -> rule.equals(CoreRules.CALC_MERGE) ? BoundedCalcMerge.RULE : rule);
        if (!rules.contains(BoundedCalcMerge.RULE)) {
            throw new IllegalStateException("Calcite's calc rules no longer hold CALC_MERGE: " + rules);
        }
        return rules;
    }

    private static RelNode decorrelate(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        CalciteConnectionConfig config = planner.getContext().maybeUnwrap(CalciteConnectionConfig.class)
            .orElse(CalciteConnectionConfig.DEFAULT);
        if (!config.forceDecorrelate() || NestedCorrelation.in(rel)) {
            return rel;
        }
        RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null);
        return decorrelatedOrAsIs(rel, r -> config.topDownGeneralDecorrelationEnabled()
            ? TopDownGeneralDecorrelator.decorrelateQuery(r, builder)
            : RelDecorrelator.decorrelateQuery(r, builder));
    }

    /**
     * {@code rel} decorrelated (its groupings by constants alone counted first, {@link ConstantGroups}), or as it is
     * (its sub-queries run per row, as written) where an outer row computes {@code random()}
     * ({@link VolatileCorrelation}) or where Calcite's decorrelation
     * fails its own check that the plan's type is kept: of {@code FROM e, LATERAL (SELECT MAX(…) … WHERE … e.x)},
     * whose aggregate answers one row even for no input, it made the column not nullable, and the statement was an
     * internal error (XX000, "Decorrelation produced a relation with a different type").
     */
    static RelNode decorrelatedOrAsIs(RelNode rel, UnaryOperator<RelNode> decorrelation) {
        if (VolatileCorrelation.in(rel)) {
            return rel;
        }
        try {
            return JoinedSingleValues.checkedAboveJoins(decorrelation.apply(ConstantGroups.counted(
                LateralAggregates.asLeft(rel))));
        } catch (AssertionError e) {
            if (String.valueOf(e.getMessage()).startsWith("Decorrelation produced a relation with a different type")) {
                return rel;
            }
            throw e;
        }
    }

    private static RelNode trimFields(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                                      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        return new RelFieldTrimmer(null, RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null)).trim(rel);
    }

    /**
     * The cost-based search of the planner Calcite's preparation gives, for the traits asked for, without Calcite's
     * {@code ProjectAggregateMergeRule}: where it makes {@code COALESCE(SUM(x), 0)} a {@code $SUM0(x)} it names the new
     * call by its place among the aggregate calls, not among the aggregate's columns, so {@code SELECT k,
     * COALESCE(SUM(v), 0), COUNT(*) … GROUP BY k} answered each group's count as its sum (and, the types unlike,
     * failed with an internal error). Nor Calcite's {@code UnionToValuesRule}: it made a {@code UNION} of constant rows
     * one table of their distinct literals, where literals of one value typed differently are distinct, so {@code
     * SELECT y FROM (VALUES ('a'), (NULL)) t(y) UNION SELECT NULL} answered NULL twice. Nor Calcite's
     * {@code AggregateCaseToFilterRule}: it makes {@code SUM(CASE WHEN c THEN CAST(x AS BIGINT) END)} a {@code
     * SUM(CAST(x AS BIGINT)) FILTER (WHERE c)}, whose argument is computed for every row, so the cast the CASE guarded
     * failed (22018) on the rows it kept it from, as PostgreSQL's does not. Nor Calcite's merge join: its metadata
     * says a merge join's rows keep the order of the right input too, which is false for a left join (its unmatched
     * rows bring NULLs in among the right keys) and beyond the keys for any join (each left row's matches repeat the
     * right order), so a second merge join over the first read an order that was not there: {@code streams a LEFT JOIN
     * … b ON a.stream_id = b.sid WHERE EXISTS (… z.stream_id = b.sid)} lost rows. Hash joins answer them.
     */
    private static RelNode choosePlan(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                                      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        planner.removeRule(CoreRules.PROJECT_AGGREGATE_MERGE);
        planner.removeRule(CoreRules.UNION_TO_VALUES);
        planner.removeRule(CoreRules.AGGREGATE_CASE_TO_FILTER);
        planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
        // a filter over a sub-query's ORDER BY (kept, HindsightPreparingStmt) goes under it, to reach the scan's
        // pushdown: not in Calcite's rule set, where such a sort was gone before planning
        planner.addRule(CoreRules.FILTER_SORT_TRANSPOSE);
        materializations.forEach(planner::addMaterialization);
        lattices.forEach(planner::addLattice);
        planner.setRoot(rel);
        RelNode root = rel.getTraitSet().equals(traits) ? rel : planner.changeTraits(rel, traits);
        planner.setRoot(root);
        return planner.chooseDelegate().findBestExp();
    }
}
