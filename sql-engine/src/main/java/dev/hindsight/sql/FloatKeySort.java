package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.BuiltInMethod;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's enumerable sort, ordering a lone floating-point key as PostgreSQL does. Calcite compares the values of a
 * sort's only key by way of {@code BigDecimal}s ({@code Functions.nullsComparator}), which NaN and the infinities
 * have none of: {@code ORDER BY x} of a {@code DOUBLE} holding one failed (22018 "Infinite or NaN"), where two keys
 * or more compare as doubles. Here such a key is compared by {@link FloatKeyOrder}: NaN above every number, as in
 * PostgreSQL. {@link FloatKeySortRule} makes one in place of Calcite's.
 */
final class FloatKeySort extends EnumerableSort {

    FloatKeySort(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelCollation collation,
                 @Nullable RexNode offset, @Nullable RexNode fetch) {
        super(cluster, traits, input, collation, offset, fetch);
    }

    /**
     * Whether {@code sort} has one key, of a floating-point type: the sorts this class orders otherwise (and whose
     * union {@link FloatKeyMergeUnionRule} leaves unmerged).
     */
    static boolean ordersOneFloat(Sort sort) {
        List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
        if (keys.size() != 1) {
            return false;
        }
        SqlTypeName type = sort.getRowType().getFieldList().get(keys.get(0).getFieldIndex()).getType()
            .getSqlTypeName();
        return SqlTypeName.APPROX_TYPES.contains(type);
    }

    @Override
    public EnumerableSort copy(RelTraitSet traits, RelNode input, RelCollation collation, @Nullable RexNode offset,
                               @Nullable RexNode fetch) {
        return new FloatKeySort(getCluster(), traits, input, collation, offset, fetch);
    }

    /** As Calcite's, but for the comparator; Calcite's own when its key changed into no floating-point one. */
    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        if (!ordersOneFloat(this)) {
            return super.implement(implementor, pref);
        }
        BlockBuilder builder = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), input.format);
        Expression rows = builder.append("child", input.block);
        RelFieldCollation key = collation.getFieldCollations().get(0);
        ParameterExpression row = Expressions.parameter(input.physType.getJavaRowType(), "v");
        Expression selector = Expressions.lambda(Function1.class,
            input.physType.fieldReference(row, key.getFieldIndex()), row);
        Expression comparator = Expressions.call(FloatKeyOrder.class, "of",
            Expressions.constant(key.nullDirection == RelFieldCollation.NullDirection.FIRST),
            Expressions.constant(key.direction == RelFieldCollation.Direction.DESCENDING));
        builder.add(Expressions.return_(null, Expressions.call(rows, BuiltInMethod.ORDER_BY.method,
            builder.append("keySelector", selector), builder.append("comparator", comparator))));
        return implementor.result(physType, builder.toBlock());
    }
}
