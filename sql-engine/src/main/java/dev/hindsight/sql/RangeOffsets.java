package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import com.google.common.collect.ImmutableList;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;

/**
 * A {@code RANGE} window frame whose offset is an interval, as PostgreSQL reads it:
 * {@code OVER (ORDER BY d RANGE BETWEEN INTERVAL '7' DAY PRECEDING AND CURRENT ROW)}. Calcite subtracts the
 * interval's inside number from the key's: a DATE is a count of days inside, a day-time interval of milliseconds, so
 * one day back was 86,400,000 days back and every earlier row was in the frame. A {@link Program} step before the
 * statement's optimisation ({@link HindsightPreparingStmt#getProgram}) orders such a window by its DATE cast to a
 * TIMESTAMP (the same order, in milliseconds); an offset in months or years, which Calcite subtracts as a number of
 * milliseconds too (a month back from 02-29 did not reach 01-31), is refused (0A000) rather than answered wrongly.
 */
final class RangeOffsets implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new RangeOffsets();

    private RangeOffsets() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        Frames frames = new Frames(rel.getCluster().getRexBuilder());
        return rel.accept(new EveryNode(node -> node.accept(frames)));
    }

    /** One node's windows with such frames, rewritten. */
    private static final class Frames extends RexShuttle {
        private final RexBuilder rex;

        Frames(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            if (!(visited instanceof RexOver call)) {
                return visited;
            }
            RexWindow w = call.getWindow();
            RexNode lower = offset(w.getLowerBound());
            RexNode upper = offset(w.getUpperBound());
            if (w.isRows() || w.orderKeys.size() != 1 || (lower == null && upper == null)) {
                return visited;
            }
            for (RexNode offset : new RexNode[] {lower, upper}) {
                if (offset != null
                    && offset.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
                    throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "a RANGE frame offset in months or years is "
                        + "not supported: write it in days (INTERVAL '30' DAY)");
                }
            }
            RexFieldCollation key = w.orderKeys.get(0);
            if (key.left.getType().getSqlTypeName() != SqlTypeName.DATE) {
                return visited;
            }
            RexNode asTimestamp = rex.makeCast(rex.getTypeFactory().createTypeWithNullability(
                rex.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, 0), key.left.getType().isNullable()),
                key.left);
            return rex.makeOver(call.getParserPosition(), call.getType(), call.getAggOperator(), call.getOperands(),
                w.partitionKeys, ImmutableList.of(new RexFieldCollation(asTimestamp, key.right)), w.getLowerBound(),
                w.getUpperBound(), w.getExclude(), false, true, false, call.isDistinct(), call.ignoreNulls());
        }

        private static RexNode offset(RexWindowBound bound) {
            return bound.isUnbounded() || bound.isCurrentRow() ? null : bound.getOffset();
        }
    }
}
