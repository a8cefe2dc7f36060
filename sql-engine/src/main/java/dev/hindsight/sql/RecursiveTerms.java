package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RepeatUnion;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.schema.impl.ListTransientTable;
import org.apache.calcite.tools.Program;

/**
 * The recursive term of a {@code WITH RECURSIVE} may not group, make distinct, aggregate or window the rows of the
 * query's own working table: refused (0A000) rather than answered wrongly. Calcite's iteration read such a
 * node's input once — {@code SELECT DISTINCT n + 1 FROM t WHERE n < 4} (or {@code GROUP BY n}, or a window) stopped
 * after the first step, 1 row where PostgreSQL answers 4 — and an aggregate there ({@code SELECT SUM(n) FROM t WHERE
 * n < 5}, which PostgreSQL refuses, 42P19) answered NULL rows without end. A {@link Program} step before the
 * statement's optimisation ({@link HindsightPreparingStmt#getProgram}); the same nodes over other tables inside the
 * recursive term ({@code WHERE n < (SELECT MAX(x) FROM other)}) are untouched.
 */
final class RecursiveTerms implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new RecursiveTerms();

    private RecursiveTerms() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        return rel.accept(new EveryNode(RecursiveTerms::check));
    }

    private static RelNode check(RelNode node) {
        if (node instanceof RepeatUnion union && union.getTransientTable() != null) {
            List<String> own = union.getTransientTable().getQualifiedName();
            EveryNode.anyOf(union.getIterativeRel(), n -> {
                String what = whatOf(n);
                if (what != null && EveryNode.anyOf(n, m -> workingTable(m, own))) {
                    throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, what + " over the rows of the recursive "
                        + "query itself (or a LATERAL join or correlated sub-query over them, which is planned as "
                        + "one), in the recursive term of WITH RECURSIVE, is not supported (Calcite's "
                        + "iteration answered it wrongly); write it in the query that reads the recursive query's "
                        + "rows (WITH RECURSIVE t AS (…) SELECT DISTINCT … FROM t), or make the recursive term a "
                        + "plain SELECT … FROM t WHERE …");
                }
                return false;
            });
        }
        return node;
    }

    /** What of a node the iteration mishandles, or null. */
    private static String whatOf(RelNode n) {
        if (n instanceof Aggregate aggregate) {
            return aggregate.getAggCallList().isEmpty() ? "DISTINCT or GROUP BY" : "an aggregate";
        }
        if (n instanceof Window
            || (n instanceof Project project && RexOver.containsOver(project.getProjects(), null))) {
            return "a window function";
        }
        return null; // a Sort (ORDER BY, LIMIT, OFFSET) there is answered as PostgreSQL answers it
    }

    /**
     * Whether {@code n} reads the working table named {@code own} — this recursive query's, not one of another (an
     * earlier recursive query of the same WITH, one nested in the recursive term), which is whole when read.
     */
    private static boolean workingTable(RelNode n, List<String> own) {
        return n instanceof TableScan scan && scan.getTable().unwrap(ListTransientTable.class) != null
            && scan.getTable().getQualifiedName().equals(own);
    }
}
