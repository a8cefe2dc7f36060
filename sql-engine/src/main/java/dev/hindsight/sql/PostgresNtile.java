package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
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
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;

/**
 * {@code NTILE(t) OVER (…)} as PostgreSQL and the standard deal the rows: the first {@code n mod t} buckets get one
 * row more than the others ({@code n} rows in the partition), so 6 rows in 4 buckets are 1, 1, 2, 2, 3, 4. Calcite's
 * own numbers row {@code i} as {@code i * t / n + 1}, which spreads the bigger buckets (1, 1, 2, 3, 3, 4): a quartile
 * of another size, silently. A {@link Program} step before the statement's optimisation
 * ({@link HindsightPreparingStmt#getProgram}): a call with a literal bucket count becomes, with {@code rn} the row's
 * {@code ROW_NUMBER()} in the same window and {@code n} the partition's {@code COUNT(*)},
 *
 * <pre>
 *   q = n / t, r = n mod t
 *   CASE WHEN rn &lt;= r * (q + 1) THEN (rn - 1) / (q + 1) + 1      the r buckets of q + 1 rows
 *        ELSE r + (rn - 1 - r * (q + 1)) / q + 1 END             then those of q
 * </pre>
 *
 * A count of zero is 22014, as PostgreSQL's "argument of ntile must be greater than zero" (Calcite's put every row in
 * bucket 1); Calcite's validator refuses a negative count, a NULL and a computed one first (42000, where PostgreSQL
 * gives 22014, NULL rows, and computes it per row).
 */
final class PostgresNtile implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new PostgresNtile();

    /** PostgreSQL's SQLState for a bucket count that is not above zero. */
    static final String INVALID_ARGUMENT_FOR_NTILE = "22014";

    private PostgresNtile() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        Buckets buckets = new Buckets(rel.getCluster().getRexBuilder());
        return rel.accept(new EveryNode(node -> node.accept(buckets)));
    }

    /** One node's {@code NTILE} calls, rewritten. */
    private static final class Buckets extends RexShuttle {
        private final RexBuilder rex;

        Buckets(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            if (over.getOperator().getKind() != SqlKind.NTILE || over.getOperands().size() != 1
                || !(over.getOperands().get(0) instanceof RexLiteral literal)) {
                return visited;
            }
            BigDecimal count = literal.getValueAs(BigDecimal.class);
            if (count == null) {
                return visited; // NTILE(NULL): Calcite's
            }
            if (count.signum() <= 0) {
                throw SqlErrors.of(INVALID_ARGUMENT_FOR_NTILE, "argument of ntile must be greater than zero: "
                    + count.toPlainString());
            }
            return ntile(over, rex.makeBigintLiteral(count));
        }

        private RexNode ntile(RexOver over, RexNode t) {
            RexWindow w = over.getWindow();
            RelDataType bigint = rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
            RexNode rn = rex.makeOver(bigint, SqlStdOperatorTable.ROW_NUMBER, List.of(), w.partitionKeys,
                w.orderKeys, RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.CURRENT_ROW,
                RexWindowExclusion.EXCLUDE_NO_OTHER, true, true, false, false, false);
            RexNode n = rex.makeOver(bigint, SqlStdOperatorTable.COUNT, List.of(), w.partitionKeys,
                ImmutableList.of(), RexWindowBounds.UNBOUNDED_PRECEDING,
                RexWindowBounds.UNBOUNDED_FOLLOWING, RexWindowExclusion.EXCLUDE_NO_OTHER, true, true, false, false,
                false);
            RexNode one = rex.makeBigintLiteral(BigDecimal.ONE);
            RexNode q = call(SqlStdOperatorTable.DIVIDE, n, t);
            RexNode r = call(SqlStdOperatorTable.MOD, n, t);
            RexNode big = call(SqlStdOperatorTable.PLUS, q, one);
            RexNode inBig = call(SqlStdOperatorTable.MULTIPLY, r, big);
            RexNode before = call(SqlStdOperatorTable.MINUS, rn, one);
            RexNode bigBucket = call(SqlStdOperatorTable.PLUS, call(SqlStdOperatorTable.DIVIDE, before, big), one);
            RexNode smallBucket = call(SqlStdOperatorTable.PLUS, r, call(SqlStdOperatorTable.PLUS,
                call(SqlStdOperatorTable.DIVIDE, call(SqlStdOperatorTable.MINUS, before, inBig), q), one));
            RexNode bucket = rex.makeCall(SqlStdOperatorTable.CASE,
                call(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, rn, inBig), bigBucket, smallBucket);
            return rex.makeCast(over.getType(), bucket, true, false);
        }

        private RexNode call(SqlOperator op, RexNode a, RexNode b) {
            return rex.makeCall(op, a, b);
        }
    }
}
