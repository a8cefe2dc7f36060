package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Window frame offsets as PostgreSQL reads them, where Calcite's arithmetic on them went wrong. A {@code RANGE} frame
 * whose offset is an interval:
 * {@code OVER (ORDER BY d RANGE BETWEEN INTERVAL '7' DAY PRECEDING AND CURRENT ROW)}. Calcite subtracts the
 * interval's inside number from the key's: a DATE is a count of days inside, a day-time interval of milliseconds, so
 * one day back was 86,400,000 days back and every earlier row was in the frame. A {@link Program} step before the
 * statement's optimisation ({@link HindsightPreparingStmt#getProgram}) orders such a window by its DATE cast to a
 * TIMESTAMP (the same order, in milliseconds); an offset in months or years, which Calcite subtracts as a number of
 * milliseconds too (a month back from 02-29 did not reach 01-31), is refused (0A000) rather than answered wrongly.
 * A {@code RANGE} frame over an {@code INTEGER} (or smaller) key is ordered by it as a {@code BIGINT}: Calcite added
 * the offset in the key's own type, so {@code 1 FOLLOWING} of 2147483647 wrapped round and left the row out of its
 * own frame. A {@code ROWS} offset of a billion rows or more is taken as 999,999,999, as far as any partition reaches:
 * Calcite added it to an {@code int} row index ({@code ROWS BETWEEN CURRENT ROW AND 2147483647 FOLLOWING} was an
 * empty frame).
 */
final class RangeOffsets implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new RangeOffsets();

    /** Integer types Calcite adds a RANGE offset to in their own width, so that it overflows near their limits. */
    private static final Set<SqlTypeName> NARROW_INTEGERS = EnumSet.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
        SqlTypeName.INTEGER);

    /** {@link RowLimits#ROWS_BEYOND_ANY_PARTITION}, as a literal's value. */
    private static final BigDecimal ROWS_BEYOND_ANY_PARTITION = BigDecimal.valueOf(RowLimits.ROWS_BEYOND_ANY_PARTITION);

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
            if (w.isRows()) {
                RexWindowBound lower = reachable(w.getLowerBound());
                RexWindowBound upper = reachable(w.getUpperBound());
                return lower == w.getLowerBound() && upper == w.getUpperBound() ? visited
                    : WindowCalls.withFrame(rex, call, w.orderKeys, lower, upper);
            }
            RexNode lower = offset(w.getLowerBound());
            RexNode upper = offset(w.getUpperBound());
            if (w.orderKeys.size() != 1 || (lower == null && upper == null)) {
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
            SqlTypeName type = key.left.getType().getSqlTypeName();
            RelDataTypeFactory types = rex.getTypeFactory();
            RelDataType wider = type == SqlTypeName.DATE ? types.createSqlType(SqlTypeName.TIMESTAMP, 0)
                : NARROW_INTEGERS.contains(type) ? types.createSqlType(SqlTypeName.BIGINT) : null;
            RexNode widened = wider == null ? key.left
                : rex.makeCast(types.createTypeWithNullability(wider, key.left.getType().isNullable()), key.left);
            if (widened.getType().isNullable()) {
                boolean unbounded = w.getLowerBound().isUnbounded() || w.getUpperBound().isUnbounded();
                RexNode framed = unbounded ? withNullKeysBeyond(call, widened, key.right)
                    : withNullKeys(call, widened, key.right);
                if (framed != null) {
                    return framed;
                }
            }
            return wider == null ? visited : WindowCalls.withFrame(rex, call,
                ImmutableList.of(new RexFieldCollation(widened, key.right)), w.getLowerBound(), w.getUpperBound());
        }

        /**
         * {@code call} over a key that may be NULL, as PostgreSQL frames it: a row whose key is NULL has its peers
         * (the other rows whose key is NULL) for its frame, and no other row has it in its own. Calcite added the
         * offset to a NULL key (a NullPointerException, an internal error). The NULL keys go into a partition of
         * their own, ordered by 0, so that an offset on either side of the current row frames them all; a frame on
         * one side of it ({@code 2 PRECEDING AND 1 PRECEDING}) would frame none of them, so there those rows take
         * the call over their peers instead. With an UNBOUNDED bound, which reaches beyond the NULL keys, see
         * {@link #withNullKeysBeyond}.
         */
        private RexNode withNullKeys(RexOver call, RexNode key, Set<SqlKind> direction) {
            RexWindow w = call.getWindow();
            RexNode isNull = rex.makeCall(SqlStdOperatorTable.IS_NULL, key);
            RexNode known = rex.makeCall(SqlStdOperatorTable.COALESCE, key,
                rex.makeZeroLiteral(rex.getTypeFactory().createTypeWithNullability(key.getType(), false)));
            List<RexNode> partitions = ImmutableList.<RexNode>builder().addAll(w.partitionKeys).add(isNull).build();
            ImmutableList<RexFieldCollation> order = ImmutableList.of(new RexFieldCollation(known, direction));
            RexNode framed = WindowCalls.withWindow(rex, call, partitions, order, w.getLowerBound(),
                w.getUpperBound());
            boolean oneSide = w.getLowerBound().isFollowing() || w.getUpperBound().isPreceding();
            if (!oneSide) {
                return framed;
            }
            RexNode peers = WindowCalls.withWindow(rex, call, partitions, order, RexWindowBounds.CURRENT_ROW,
                RexWindowBounds.CURRENT_ROW);
            return rex.makeCall(call.getType(), SqlStdOperatorTable.CASE, List.of(isNull, peers, framed));
        }

        /**
         * {@code call} over a key that may be NULL, as {@link #withNullKeys}, but with an UNBOUNDED bound beside the
         * offset, which reaches the NULL keys when they lie on its side ({@code UNBOUNDED PRECEDING} and
         * {@code NULLS FIRST}): the NULL keys are ordered as the end of the order beyond every key
         * ({@code Long.MIN_VALUE} or {@code Long.MAX_VALUE}, a {@code DOUBLE}'s largest), so that the other rows'
         * frames reach them only through the UNBOUNDED bound; a row whose key is NULL has its peers for its frame
         * when they lie on the UNBOUNDED side, else the whole partition (from the first row to its last peer, or
         * from its first peer to the last row). {@code null} for keys of other types (dates, times), which stay
         * Calcite's.
         */
        private @Nullable RexNode withNullKeysBeyond(RexOver call, RexNode key, Set<SqlKind> direction) {
            RexWindow w = call.getWindow();
            boolean nullsFirst = direction.contains(SqlKind.NULLS_FIRST);
            RelDataType type = rex.getTypeFactory().createTypeWithNullability(key.getType(), false);
            RexNode end = switch (type.getSqlTypeName()) {
                case BIGINT -> rex.makeExactLiteral(BigDecimal.valueOf(nullsFirst ? Long.MIN_VALUE : Long.MAX_VALUE),
                    type);
                case DOUBLE -> rex.makeApproxLiteral(BigDecimal.valueOf(nullsFirst ? -Double.MAX_VALUE
                    : Double.MAX_VALUE), type);
                default -> null;
            };
            if (end == null) {
                return null;
            }
            RexNode isNull = rex.makeCall(SqlStdOperatorTable.IS_NULL, key);
            ImmutableList<RexFieldCollation> order = ImmutableList.of(new RexFieldCollation(
                rex.makeCall(SqlStdOperatorTable.COALESCE, key, end), direction));
            RexNode framed = WindowCalls.withWindow(rex, call, w.partitionKeys, order, w.getLowerBound(),
                w.getUpperBound());
            boolean peers = w.getLowerBound().isUnbounded() == nullsFirst;
            List<RexNode> partitions = peers
                ? ImmutableList.<RexNode>builder().addAll(w.partitionKeys).add(isNull).build() : w.partitionKeys;
            RexNode nullKeys = WindowCalls.withWindow(rex, call, partitions, order,
                RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.UNBOUNDED_FOLLOWING);
            return rex.makeCall(call.getType(), SqlStdOperatorTable.CASE, List.of(isNull, nullKeys, framed));
        }

        /**
         * {@code bound}, or when its offset is so many rows that no partition has them (a row's index plus it would
         * overflow), the same bound at {@link #ROWS_BEYOND_ANY_PARTITION}, which reaches as far and does not.
         */
        private RexWindowBound reachable(RexWindowBound bound) {
            if (!(bound.getOffset() instanceof RexLiteral literal) || literal.getValueAs(BigDecimal.class) == null
                || literal.getValueAs(BigDecimal.class).compareTo(ROWS_BEYOND_ANY_PARTITION) <= 0) {
                return bound;
            }
            RexNode rows = rex.makeLiteral(ROWS_BEYOND_ANY_PARTITION, literal.getType());
            return bound.isPreceding() ? RexWindowBounds.preceding(rows) : RexWindowBounds.following(rows);
        }

        private static RexNode offset(RexWindowBound bound) {
            return bound.isUnbounded() || bound.isCurrentRow() ? null : bound.getOffset();
        }
    }
}
