package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The window functions of a select list made a window of their own before the statement's optimisation, from a
 * select list that claims no order. Calcite's rule that does it during the optimisation gives the window the select
 * list's traits, its order among them: over the log (read in {@code seq} order) {@code SELECT 5, LEAD(seq) OVER
 * (ORDER BY seq) FROM events ORDER BY seq} had a select list ordered by its third column, and a window of two columns
 * said to be ordered by its third failed inside Calcite (an internal error, an index out of bounds). A
 * {@link Program} step ({@link HindsightPreparingStmt#getProgram}), after the steps that rewrite window calls: each
 * select list with a window call loses its order (the window's output has none:
 * {@link UnorderedWindowRule}), then Calcite's rule splits it, outside the optimisation.
 */
final class WindowSplit implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new WindowSplit();

    /**
     * Calcite's rule, but not over a select list that holds a sub-query ({@code SELECT x, (SELECT COUNT(*) …),
     * ROW_NUMBER() OVER (…)}): the rule cannot take one (an internal error, a ClassCastException), and such a select
     * list is split where Calcite's own rule meets it, once the sub-query is a join.
     */
    private static final Program SPLIT = Programs.of(HepProgram.builder()
        .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW.config
            .withOperandSupplier(b -> b.operand(LogicalProject.class)
                .predicate(p -> p.containsOver() && !RexUtil.SubQueryFinder.containsSubQuery(p)).anyInputs())
            .withDescription("WindowSplit").toRule()).build(), true,
        DefaultRelMetadataProvider.INSTANCE);

    private WindowSplit() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        RelNode unordered = rel.accept(new EveryNode(node -> node instanceof LogicalProject project
            && RexOver.containsOver(project.getProjects(), null)
            ? project.copy(project.getTraitSet().replace(RelCollationTraitDef.INSTANCE.getDefault()),
                project.getInput(), project.getProjects(), project.getRowType())
            : node));
        // a plan with no window comes back as it was, node for node: nothing to split
        return unordered == rel ? rel : SPLIT.run(planner, unordered, requiredOutputTraits, materializations, lattices);
    }
}
