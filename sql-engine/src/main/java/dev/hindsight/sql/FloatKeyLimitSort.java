package dev.hindsight.sql;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's top-n sort ({@code ORDER BY … LIMIT n}, keeping the first n rows plus the offset as it reads), with a
 * floating-point key ordered as {@link FloatKeySort} orders it: NaN above every number, {@code -0} equal to {@code 0}.
 * Calcite's compares as its sort does (a lone such key through {@code BigDecimal}s, 22018 on NaN; several with
 * {@code -0} below {@code 0}), so such sorts had no top-n and held their whole input: {@code ORDER BY x, seq LIMIT 3}
 * of a double ran a 160 MB server out of heap over 250,000 events where the same with a decimal answered (a review's
 * run). {@link FloatKeyLimitSortRule} makes one.
 */
final class FloatKeyLimitSort extends EnumerableLimitSort {

    FloatKeyLimitSort(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelCollation collation,
                      @Nullable RexNode offset, @Nullable RexNode fetch) {
        super(cluster, traits, input, collation, offset, fetch);
    }

    /** A top-n sort of {@code input}, an enumerable one, as {@code EnumerableLimitSort.create} makes Calcite's. */
    static FloatKeyLimitSort of(RelNode input, RelCollation collation, @Nullable RexNode offset,
                                @Nullable RexNode fetch) {
        EnumerableLimitSort calcites = EnumerableLimitSort.create(input, collation, offset, fetch);
        return new FloatKeyLimitSort(calcites.getCluster(), calcites.getTraitSet(), input, collation, offset, fetch);
    }

    @Override
    public EnumerableLimitSort copy(RelTraitSet traits, RelNode input, RelCollation collation,
                                    @Nullable RexNode offset, @Nullable RexNode fetch) {
        return new FloatKeyLimitSort(getCluster(), traits, input, collation, offset, fetch);
    }

    /** As Calcite's, but for the key selector and comparator ({@link FloatKeySort.KeyOrder}). */
    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        if (!FloatKeySort.ordersFloat(this)) {
            return super.implement(implementor, pref);
        }
        BlockBuilder builder = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), input.format);
        Expression rows = builder.append("child", input.block);
        FloatKeySort.KeyOrder order = FloatKeySort.KeyOrder.of(input.physType, collation);
        Expression offsetValue = offset == null ? Expressions.constant(0) : value(offset);
        Expression fetchValue = fetch == null ? Expressions.constant(Integer.MAX_VALUE) : value(fetch);
        builder.add(Expressions.return_(null, Expressions.call(BuiltInMethod.ORDER_BY_WITH_FETCH_AND_OFFSET.method,
            rows, builder.append("keySelector", order.selector()), builder.append("comparator", order.comparator()),
            builder.append("offset", offsetValue), builder.append("fetch", fetchValue))));
        return implementor.result(physType, builder.toBlock());
    }

    /** A limit or an offset as Calcite's top-n reads it: a literal, or a {@code ?} of the statement. */
    private static Expression value(RexNode node) {
        if (node instanceof RexDynamicParam param) {
            return Expressions.convert_(Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET.method,
                Expressions.constant("?" + param.getIndex())), Integer.class);
        }
        return Expressions.constant(RexLiteral.intValue(node));
    }
}
