package dev.hindsight.sql;

import java.util.ArrayList;
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
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.BuiltInMethod;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's enumerable sort, ordering floating-point keys as PostgreSQL does. Calcite compares the values of a
 * sort's only key by way of {@code BigDecimal}s ({@code Functions.nullsComparator}), which NaN and the infinities
 * have none of: {@code ORDER BY x} of a {@code DOUBLE} holding one failed (22018 "Infinite or NaN"); two keys or more
 * it compares as doubles, with {@code Double.compare}, which puts {@code -0} below {@code 0}: {@code ORDER BY x, seq}
 * put every {@code -0} before every {@code 0}, where PostgreSQL takes them as equal and {@code seq} decides (a hunt's
 * finding, with and without a {@code LIMIT}). Here such keys are compared by {@link FloatKeyOrder}.
 * {@link FloatKeySortRule} makes one in place of Calcite's.
 */
final class FloatKeySort extends EnumerableSort {

    FloatKeySort(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelCollation collation,
                 @Nullable RexNode offset, @Nullable RexNode fetch) {
        super(cluster, traits, input, collation, offset, fetch);
    }

    /**
     * Whether {@code sort} has a key of a floating-point type: the sorts this class orders otherwise (and whose
     * union {@link FloatKeyMergeUnionRule} leaves unmerged, and whose limit is no top-n: Calcite's compares as its sort
     * does). A sort whose keys include text of a collation with a collator is left to Calcite's, which compares by it.
     */
    static boolean ordersFloat(Sort sort) {
        boolean floating = false;
        for (RelFieldCollation key : sort.getCollation().getFieldCollations()) {
            RelDataType type = sort.getRowType().getFieldList().get(key.getFieldIndex()).getType();
            floating |= SqlTypeName.APPROX_TYPES.contains(type.getSqlTypeName());
            if (type.getCollation() != null && type.getCollation().getCollator() != null) {
                return false;
            }
        }
        return floating;
    }

    @Override
    public EnumerableSort copy(RelTraitSet traits, RelNode input, RelCollation collation, @Nullable RexNode offset,
                               @Nullable RexNode fetch) {
        return new FloatKeySort(getCluster(), traits, input, collation, offset, fetch);
    }

    /** As Calcite's, but for the comparator; Calcite's own when its keys changed into no floating-point one. */
    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        if (!ordersFloat(this)) {
            return super.implement(implementor, pref);
        }
        BlockBuilder builder = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), input.format);
        Expression rows = builder.append("child", input.block);
        KeyOrder order = KeyOrder.of(input.physType, collation);
        builder.add(Expressions.return_(null, Expressions.call(rows, BuiltInMethod.ORDER_BY.method,
            builder.append("keySelector", order.selector()), builder.append("comparator", order.comparator()))));
        return implementor.result(physType, builder.toBlock());
    }

    /**
     * The key selector and comparator of a sort with a floating-point key, in generated code: a lone key compared by
     * {@link FloatKeyOrder#of}, several as an array of the row's keys by {@link FloatKeyOrder#ofKeys} (Calcite's
     * compares the row's fields themselves). Shared with {@link FloatKeyLimitSort}.
     */
    record KeyOrder(Expression selector, Expression comparator) {

        static KeyOrder of(PhysType input, RelCollation collation) {
            List<RelFieldCollation> keys = collation.getFieldCollations();
            ParameterExpression row = Expressions.parameter(input.getJavaRowType(), "v");
            if (keys.size() == 1) {
                RelFieldCollation key = keys.get(0);
                return new KeyOrder(
                    Expressions.lambda(Function1.class, input.fieldReference(row, key.getFieldIndex()), row),
                    Expressions.call(FloatKeyOrder.class, "of", Expressions.constant(nullsFirst(key)),
                        Expressions.constant(key.direction == RelFieldCollation.Direction.DESCENDING)));
            }
            List<Expression> values = new ArrayList<>();
            StringBuilder order = new StringBuilder();
            for (RelFieldCollation key : keys) {
                Expression value = input.fieldReference(row, key.getFieldIndex());
                values.add(Primitive.is(value.getType()) ? Expressions.box(value) : value);
                order.append(key.direction == RelFieldCollation.Direction.DESCENDING ? 'd' : 'a')
                    .append(nullsFirst(key) ? 'f' : 'l');
            }
            return new KeyOrder(
                Expressions.lambda(Function1.class, Expressions.newArrayInit(Object.class, values), row),
                Expressions.call(FloatKeyOrder.class, "ofKeys", Expressions.constant(order.toString())));
        }

        private static boolean nullsFirst(RelFieldCollation key) {
            return key.nullDirection == RelFieldCollation.NullDirection.FIRST;
        }
    }
}
