package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.tools.Program;

/**
 * A sub-query among a window's sort keys computed in a projection below the window, as a column the window then
 * reads (one as a {@code PARTITION BY} key would be too, but Calcite's validator refuses it first, 42601). Calcite
 * lost such a key on the way to the plan: {@code RANK() OVER (ORDER BY (SELECT COUNT(*) … WHERE y = t.x))} ranked
 * every row 1 (the window was over the rows as they came), and {@code ROW_NUMBER() OVER (ORDER BY (SELECT …) DESC,
 * id)} numbered by {@code id} alone; an uncorrelated one was an internal error. A sub-query in a projection's plain
 * expressions Calcite removes well. A {@link Program} step first of all ({@link HindsightPreparingStmt#getProgram}),
 * before the steps that read windows.
 */
final class WindowSubQueryKeys implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new WindowSubQueryKeys();

    private WindowSubQueryKeys() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        return rel.accept(new EveryNode(node -> node instanceof LogicalProject project ? rewrite(project) : node));
    }

    private static RelNode rewrite(LogicalProject project) {
        if (!RexOver.containsOver(project.getProjects(), null)) {
            return project;
        }
        RelNode input = project.getInput();
        int width = input.getRowType().getFieldCount();
        List<RexNode> below = new ArrayList<>();
        RexShuttle keys = new RexShuttle() {
            private boolean inWindow;

            @Override
            public RexWindow visitWindow(RexWindow window) {
                inWindow = true;
                try {
                    return super.visitWindow(window);
                } finally {
                    inWindow = false;
                }
            }

            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                if (!inWindow) {
                    return subQuery;
                }
                below.add(subQuery);
                return new RexInputRef(width + below.size() - 1, subQuery.getType());
            }
        };
        List<RexNode> projects = keys.apply(project.getProjects());
        if (below.isEmpty()) {
            return project;
        }
        List<RexNode> computed = new ArrayList<>(project.getCluster().getRexBuilder().identityProjects(
            input.getRowType()));
        List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
        for (int i = 0; i < below.size(); i++) {
            computed.add(below.get(i));
            names.add("$window_key" + i);
        }
        // the sub-queries read the same rows as before, so the correlation the projection declared goes with them
        RelNode keyed = LogicalProject.create(input, project.getHints(), computed, names, project.getVariablesSet());
        // and with the sub-queries left in the plain expressions (the rows they read are the same, by index)
        return LogicalProject.create(keyed, project.getHints(), projects, project.getRowType().getFieldNames(),
            project.getVariablesSet());
    }
}
