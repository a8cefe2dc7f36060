package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A {@code CASE} of many {@code WHEN}s compiled as a short chain of groups. Calcite's code for a {@code CASE} nests
 * each {@code WHEN} in the {@code else} block of the one before, and names each new variable by trying the names of
 * every enclosing block in turn: time cubic in the number of {@code WHEN}s. Measured here (2026-12-07, a fresh JVM, one
 * event, {@code WHEN version = i}): 400 took 3.8 s, 600 9.3 s, and 1,000 failed with 54001 after 24 s, the compiler out
 * of stack; a review's {@code CASE} of 3,000, compiled after the planning deadline has ended, kept a core busy for
 * over 20 minutes after its client had gone. Grouped: 600 in 3.5 s, 1,000 in 5.5 s.
 *
 * <p>Rewritten in the finished plan ({@link #grouped}), {@code WHEN}s {@code c1 … cn} with results {@code r1 … rn} go
 * in groups of about √n; a group of {@code ca … cb} is chosen by {@code CASE WHEN ca THEN TRUE … WHEN cb THEN TRUE
 * ELSE FALSE END} and answers {@code CASE WHEN ca THEN ra … WHEN c(b-1) THEN r(b-1) ELSE rb END}:
 *
 * <pre>
 * CASE WHEN c1 THEN r1 … WHEN cn THEN rn ELSE e END
 *   =  CASE WHEN (group 1 holds a true WHEN) THEN (CASE over group 1)
 *           …
 *           WHEN (group g holds a true WHEN) THEN (CASE over group g)
 *           ELSE e END
 * </pre>
 *
 * <p>The group's test stops at its first true {@code WHEN}, as the {@code CASE} would, so no {@code WHEN} the
 * statement would not have evaluated is evaluated (one that would fail, {@code 1 / x = 0}, past a true one, does not);
 * the group's answer evaluates them again, up to that one, which is why a {@code CASE} with a {@code WHEN} that is not
 * deterministic ({@code RANDOM()}) is left as it is. Nesting is about 2√n deep instead of n. Written twice, the
 * {@code WHEN}s make more code, and a row's code is one Java method of at most 64 KB: where the grouped code does
 * not fit (501 {@code WHEN}s of a {@code JSON_VALUE} each, a review found), the plan is compiled as written.
 */
final class LongCase {

    /**
     * The most {@code WHEN}s a {@code CASE} keeps as it is. Grouped, its {@code WHEN}s are written twice: a
     * {@code CASE} of 400 {@code WHEN version = CAST(? AS INTEGER)}s, the plan cache's shape of one of literals,
     * compiled as written and not grouped (measured 2026-12-07), and a plan whose groups do not fit is compiled twice;
     * below this many the nesting costs seconds at most.
     */
    static final int LIMIT = 500;

    /**
     * The most {@code WHEN}s of a {@code CASE} compiled as written when its groups' code does not fit: beyond, the
     * written form fails too ({@code 54001} after 24 s at 1,000 here, 2026-12-07), after minutes of cubic work.
     */
    static final int WRITTEN_AT_MOST = 1000;

    private LongCase() {
    }

    /** A plan with its long {@code CASE}s grouped, and the most {@code WHEN}s of one of them (0: none). */
    record Grouped(RelNode plan, int mostWhens) {
    }

    /**
     * {@code plan} with every long {@code CASE} grouped ({@code plan} itself if it has none), compiled in its place
     * when its code fits ({@link HindsightPreparingStmt#implement}).
     */
    static Grouped grouped(RelNode plan) {
        int[] most = {0};
        RelNode rewritten = CalcRewrite.of(LongCase::isLong, (rex, call) -> {
            if (!isLong(call)) {
                return null;
            }
            most[0] = Math.max(most[0], call.getOperands().size() / 2);
            return grouped(rex, call);
        }).program().run(null, plan, plan.getTraitSet(), List.of(), List.of());
        return new Grouped(rewritten, most[0]);
    }

    /** Whether {@code call} is a {@code CASE} of more than {@link #LIMIT} {@code WHEN}s. */
    private static boolean isLong(RexCall call) {
        return call.getKind() == SqlKind.CASE && call.getOperands().size() / 2 > LIMIT;
    }

    /** {@code call}, a long {@code CASE}, as groups, or null where a {@code WHEN} is not deterministic. */
    private static RexNode grouped(RexBuilder rex, RexCall call) {
        List<RexNode> operands = call.getOperands();
        int whens = operands.size() / 2;
        for (int i = 0; i < whens; i++) {
            if (!RexUtil.isDeterministic(operands.get(2 * i))) {
                return null;
            }
        }
        RexNode otherwise = operands.size() % 2 == 1 ? operands.get(operands.size() - 1)
            : rex.makeNullLiteral(call.getType());
        int size = (int) Math.ceil(Math.sqrt(whens));
        List<RexNode> outer = new ArrayList<>();
        for (int first = 0; first < whens; first += size) {
            int end = Math.min(whens, first + size);
            List<RexNode> test = new ArrayList<>();
            List<RexNode> answer = new ArrayList<>();
            for (int i = first; i < end; i++) {
                test.add(operands.get(2 * i));
                test.add(rex.makeLiteral(true));
                if (i < end - 1) {
                    answer.add(operands.get(2 * i));
                }
                answer.add(operands.get(2 * i + 1)); // the last one's: its WHEN is the group's only true one left
            }
            test.add(rex.makeLiteral(false));
            outer.add(caseOf(rex, rex.getTypeFactory().createSqlType(SqlTypeName.BOOLEAN), test));
            outer.add(answer.size() == 1 ? answer.get(0) : caseOf(rex, call.getType(), answer));
        }
        outer.add(otherwise);
        return caseOf(rex, call.getType(), outer);
    }

    /** A {@code CASE} of {@code operands} of {@code type}. */
    private static RexNode caseOf(RexBuilder rex, RelDataType type, List<RexNode> operands) {
        // a last WHEN that answers as the ELSE is dropped, as Calcite's normalisation of a calc's program would, one
        // such WHEN a pass (the calc's check normalises it once more and must find nothing left to change)
        List<RexNode> trimmed = new ArrayList<>(operands);
        RexNode otherwise = trimmed.get(trimmed.size() - 1);
        while (trimmed.size() >= 3 && trimmed.get(trimmed.size() - 2).equals(otherwise)) {
            trimmed.subList(trimmed.size() - 3, trimmed.size() - 1).clear();
        }
        return trimmed.size() == 1 ? rex.ensureType(type, otherwise, true)
            : rex.makeCall(type, SqlStdOperatorTable.CASE, trimmed);
    }
}
