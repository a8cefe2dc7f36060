package dev.hindsight.sql;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlAggFunction;

/**
 * A window call made again with its operator or window changed, the rest as it was (operands, type, exclusion,
 * {@code DISTINCT}, {@code IGNORE NULLS}): for the steps that rewrite window calls before the statement's optimisation
 * ({@link CheckedSums#WINDOWS}, {@link GatheringAggregates}, {@link RangeOffsets}, {@link DoubleAggregates}).
 */
final class WindowCalls {

    private WindowCalls() {
    }

    /** {@code call} with {@code operator} in place of its own, over the same window. */
    static RexNode withOperator(RexBuilder rex, RexOver call, SqlAggFunction operator) {
        return withOperator(rex, call, operator, call.getOperands());
    }

    /** {@code call} with {@code operator} of {@code operands} in place of its own, over the same window. */
    static RexNode withOperator(RexBuilder rex, RexOver call, SqlAggFunction operator, List<RexNode> operands) {
        RexWindow w = call.getWindow();
        return over(rex, call, operator, operands, w.partitionKeys, w.orderKeys, w.getLowerBound(),
            w.getUpperBound());
    }

    /** {@code call} over its partitions in {@code orderKeys}' order, from {@code lower} to {@code upper}. */
    static RexNode withFrame(RexBuilder rex, RexOver call, ImmutableList<RexFieldCollation> orderKeys,
                             RexWindowBound lower, RexWindowBound upper) {
        return withWindow(rex, call, call.getWindow().partitionKeys, orderKeys, lower, upper);
    }

    /** {@code call} over {@code partitionKeys} in {@code orderKeys}' order, from {@code lower} to {@code upper}. */
    static RexNode withWindow(RexBuilder rex, RexOver call, List<RexNode> partitionKeys,
                              ImmutableList<RexFieldCollation> orderKeys, RexWindowBound lower, RexWindowBound upper) {
        return over(rex, call, call.getAggOperator(), call.getOperands(), partitionKeys, orderKeys, lower, upper);
    }

    private static RexNode over(RexBuilder rex, RexOver call, SqlAggFunction operator, List<RexNode> operands,
                                List<RexNode> partitionKeys, ImmutableList<RexFieldCollation> orderKeys,
                                RexWindowBound lower, RexWindowBound upper) {
        RexWindow w = call.getWindow();
        return rex.makeOver(call.getParserPosition(), call.getType(), operator, operands, partitionKeys, orderKeys,
            lower, upper, w.getExclude(), w.isRows(), true, false, call.isDistinct(), call.ignoreNulls());
    }
}
