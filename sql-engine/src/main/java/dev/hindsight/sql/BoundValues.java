package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A table of values, literals and {@code ?} parameters, whose rows are made when the statement runs from data the
 * plan holds ({@link ValueRows}) instead of being compiled into the statement's code: what {@link ValueLists} puts in
 * place of a long {@code IN} list or {@code VALUES} clause. Calcite's own plan compiles every value into the generated
 * class (Java bounds a method's code, so 8,000 literals failed) and every row holding a parameter into a query of its
 * own, unioned (500 parameters took seconds to plan and compile, 1,500 failed).
 */
final class BoundValues extends AbstractRelNode implements EnumerableRel {

    private final ValueRows rows;

    BoundValues(RelOptCluster cluster, RelDataType rowType, ValueRows rows) {
        this(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), rowType, rows);
    }

    private BoundValues(RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, ValueRows rows) {
        super(cluster, traits);
        this.rowType = rowType;
        this.rows = rows;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new BoundValues(getCluster(), traitSet, rowType, rows);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return rows.size();
    }

    /**
     * The rows are part of the digest, as their text ({@link ValueRows#toString}, which names each parameter): the
     * planner takes nodes with equal digests for one. Text, too, because {@code EXPLAIN PLAN AS JSON} writes items.
     */
    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("type", rowType).item("tuples", rows.toString());
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        // a one-column row is the value itself (SCALAR), else an Object[]: as ValueRows makes them
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        BlockBuilder block = new BlockBuilder();
        block.add(Expressions.return_(null, Expressions.call(implementor.stash(rows, ValueRows.class), "enumerable",
            implementor.getRootExpression())));
        return implementor.result(physType, block.toBlock());
    }
}
