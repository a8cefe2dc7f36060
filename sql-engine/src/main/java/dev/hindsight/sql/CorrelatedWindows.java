package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * A window in a correlated sub-query computed over the rows of one outer row, as PostgreSQL runs the sub-query once
 * per outer row. Calcite's decorrelation turns the sub-query into one query over all outer rows, the outer values
 * its columns, but leaves a window's partitions as written: {@code (SELECT name FROM (SELECT name, ROW_NUMBER() OVER
 * (ORDER BY seq DESC) rn FROM events e WHERE e.stream_id = s.stream_id) x WHERE rn = 1)}, the latest name of each
 * stream, numbered the rows of all streams together and answered NULL for all but one; a correlated condition that
 * is no equality ({@code WHERE v > s.k * 10}) it even moves above the window, which then counts rows the condition
 * drops. Adding the outer values to the window's {@code PARTITION BY} does not help there (decorrelation keys the
 * rows by {@code s.k * 10}, the window by {@code s.k}). A {@link Program} step just before Calcite's optimisation
 * ({@link HindsightPreparingStmt#getProgram}): a windowed projection that reads an outer value, itself or below it,
 * is split into a projection over a window of its own (Calcite's {@code ProjectToWindowRule}, which its
 * optimisation applies anyway), which Calcite's decorrelation does not take apart: the sub-query stays correlated and
 * runs once per outer row.
 */
final class CorrelatedWindows implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new CorrelatedWindows();

    /** The split of one projection, with Calcite's rule. */
    private static final Program SPLIT = Programs.hep(List.of(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW), true,
        DefaultRelMetadataProvider.INSTANCE);

    private CorrelatedWindows() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        return rel.accept(new EveryNode(node -> splits(node)
            ? SPLIT.run(node.getCluster().getPlanner(), node, node.getTraitSet(), List.of(), List.of()) : node));
    }

    /**
     * Whether {@code rel} has such a projection: Calcite's first decorrelation, of the {@code LATERAL} joins it
     * converts at once, is left out then ({@link HindsightPreparingStmt#decorrelate}), so that the projection is split
     * by this step, after the steps that rewrite window calls in projections ({@code NTILE}, frames, …), not before.
     */
    static boolean in(RelNode rel) {
        return EveryNode.anyOf(rel, CorrelatedWindows::splits);
    }

    /** Whether {@code node} is a windowed projection that reads an outer value, itself or below it. */
    private static boolean splits(RelNode node) {
        return node instanceof LogicalProject project && RexOver.containsOver(project.getProjects(), null)
            && !RelOptUtil.getVariablesUsed(project).isEmpty();
    }
}
