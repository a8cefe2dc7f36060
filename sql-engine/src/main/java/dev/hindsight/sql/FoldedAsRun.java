package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.Program;

/**
 * Constants the optimisation folds computed as the finished plan computes them. The rewrites Hindsight runs after the
 * optimisation ({@link DecimalDivision#PROGRAM}, {@link DecimalRange#PROGRAM}, {@link DatetimeRange#PROGRAM}) replace
 * arithmetic Calcite gets wrong, but Calcite's rules fold constant expressions during the optimisation, with Calcite's
 * own code, before any rewrite sees them: {@code ts >= TO_TIMESTAMP('2026-12-07', 'YYYY-MM-DD') - INTERVAL '1' MONTH}
 * became {@code ts >= 2026-12-06 23:59:59.999} (a month taken as a millisecond from a zoned timestamp) and found no
 * event of the last month, where the same expression in the select list, rewritten, was 2026-11-07.
 *
 * <p>So the planner's executor, which the folding rules compute constants with, is wrapped by the first step of the
 * program ({@link #PROGRAM}; Calcite sets its executor as the optimisation starts): each constant is rewritten as the
 * finished plan would be before Calcite's executor computes it. One that fails to compute (a date past 9999, now
 * checked) is left unfolded by Calcite, and so as the statement wrote it; it fails when the statement runs, if it is
 * ever computed.
 */
final class FoldedAsRun implements RexExecutor {

    /** The step that wraps the planner's executor; first in the program, stateless. */
    static final Program PROGRAM = (planner, rel, traits, materializations, lattices) -> {
        RexExecutor executor = planner.getExecutor();
        if (executor != null && !(executor instanceof FoldedAsRun)) {
            planner.setExecutor(new FoldedAsRun(executor));
        }
        return rel;
    };

    private final RexExecutor calcite;

    private FoldedAsRun(RexExecutor calcite) {
        this.calcite = calcite;
    }

    @Override
    public void reduce(RexBuilder rex, List<RexNode> constExps, List<RexNode> reducedValues) {
        List<RexNode> asRun = new ArrayList<>(constExps.size());
        for (RexNode e : constExps) {
            asRun.add(DatetimeRange.checkedIn(rex, DecimalRange.guardedIn(rex, DecimalDivision.exactIn(rex, e))));
        }
        int first = reducedValues.size();
        calcite.reduce(rex, asRun, reducedValues);
        for (int i = 0; i < asRun.size() && first + i < reducedValues.size(); i++) {
            if (reducedValues.get(first + i).equals(asRun.get(i))) { // not folded: the plan keeps what was written
                reducedValues.set(first + i, constExps.get(i));
            }
        }
    }
}
