package dev.hindsight.sql;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;

/**
 * {@code PERCENT_RANK()} and {@code CUME_DIST()}, which Calcite validates but cannot run (0A000, "Unable to implement
 * EnumerableWindow"), written with window functions it runs. A {@link Program} step before the statement's
 * optimisation ({@link HindsightPreparingStmt#getProgram}); with {@code n} the partition's {@code COUNT(*)}:
 *
 * <pre>
 *   PERCENT_RANK()   CASE WHEN n > 1 THEN (RANK() - 1) / (n - 1) ELSE 0 END          as PostgreSQL's, a DOUBLE
 *   CUME_DIST()      COUNT(*) OVER (same order, RANGE UNBOUNDED PRECEDING) / n     the rows up to and with the peers
 * </pre>
 */
final class RelativeRanks implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new RelativeRanks();

    private RelativeRanks() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        Ranks ranks = new Ranks(rel.getCluster().getRexBuilder());
        return rel.accept(new EveryNode(node -> node.accept(ranks)));
    }

    /** One node's {@code PERCENT_RANK} and {@code CUME_DIST} calls, rewritten. */
    private static final class Ranks extends RexShuttle {
        private final RexBuilder rex;

        Ranks(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            SqlKind kind = over.getOperator().getKind();
            if (kind != SqlKind.PERCENT_RANK && kind != SqlKind.CUME_DIST) {
                return visited;
            }
            RexWindow w = over.getWindow();
            RelDataType bigint = rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
            RelDataType dbl = rex.getTypeFactory().createSqlType(SqlTypeName.DOUBLE);
            RexNode n = rex.makeOver(bigint, SqlStdOperatorTable.COUNT, List.of(), w.partitionKeys, ImmutableList.of(),
                RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.UNBOUNDED_FOLLOWING,
                RexWindowExclusion.EXCLUDE_NO_OTHER, true, true, false, false, false);
            RexNode one = rex.makeBigintLiteral(BigDecimal.ONE);
            RexNode share;
            if (kind == SqlKind.PERCENT_RANK) {
                RexNode rank = rex.makeOver(bigint, SqlStdOperatorTable.RANK, List.of(), w.partitionKeys, w.orderKeys,
                    w.getLowerBound(), w.getUpperBound(), w.getExclude(), w.isRows(), true, false, false, false);
                share = rex.makeCall(SqlStdOperatorTable.CASE,
                    rex.makeCall(SqlStdOperatorTable.GREATER_THAN, n, one),
                    rex.makeCall(SqlStdOperatorTable.DIVIDE,
                        rex.makeCast(dbl, rex.makeCall(SqlStdOperatorTable.MINUS, rank, one)),
                        rex.makeCast(dbl, rex.makeCall(SqlStdOperatorTable.MINUS, n, one))),
                    rex.makeApproxLiteral(BigDecimal.ZERO));
            } else {
                RexNode upToPeers = rex.makeOver(bigint, SqlStdOperatorTable.COUNT, List.of(), w.partitionKeys,
                    w.orderKeys, RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.CURRENT_ROW,
                    RexWindowExclusion.EXCLUDE_NO_OTHER, false, true, false, false, false);
                share = rex.makeCall(SqlStdOperatorTable.DIVIDE, rex.makeCast(dbl, upToPeers), rex.makeCast(dbl, n));
            }
            return rex.makeCast(over.getType(), share, true, false);
        }
    }
}
