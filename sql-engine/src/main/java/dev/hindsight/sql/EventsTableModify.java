package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.util.BuiltInMethod;

/**
 * {@code INSERT INTO events} as one guarded append: the physical operator hands the statement's whole row set to
 * {@link EventsTable#insert} in one call. (Calcite's own {@code EnumerableTableModify} adds rows one by one to a
 * collection, with no batch boundary and so no atomicity.)
 */
final class EventsTableModify extends TableModify implements EnumerableRel {

    EventsTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader catalog,
                      RelNode input, boolean flattened) {
        super(cluster, traits, table, catalog, input, Operation.INSERT, null, null, flattened);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new EventsTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
            isFlattened());
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder block = new BlockBuilder();
        Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        Expression childRows = block.append("child", child.block);
        PhysType childType = child.physType;
        // whatever the child's row format, hand the table plain Object[] rows
        ParameterExpression o = Expressions.parameter(childType.getJavaRowType(), "o");
        List<Expression> fields = new ArrayList<>();
        for (int i = 0; i < childType.getRowType().getFieldCount(); i++) {
            fields.add(Expressions.box(childType.fieldReference(o, i)));
        }
        Expression rows = block.append("rows", Expressions.call(childRows, BuiltInMethod.SELECT.method,
            Expressions.lambda(Expressions.newArrayInit(Object.class, fields), o)));
        Expression count = block.append("count", Expressions.call(getTable().getExpression(LogTable.class),
            "insert", implementor.getRootExpression(), rows));
        block.add(Expressions.return_(null,
            Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method, Expressions.box(count))));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
            pref == Prefer.ARRAY ? JavaRowFormat.ARRAY : JavaRowFormat.SCALAR);
        return implementor.result(physType, block.toBlock());
    }

    /** The logical form, made by {@link EventsTable#toModificationRel}; its own class keeps Calcite's rule away. */
    static final class Logical extends TableModify {

        Logical(RelOptCluster cluster, RelOptTable table, Prepare.CatalogReader catalog, RelNode input,
                boolean flattened) {
            this(cluster, cluster.traitSetOf(Convention.NONE), table, catalog, input, flattened);
        }

        private Logical(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader catalog,
                        RelNode input, boolean flattened) {
            super(cluster, traits, table, catalog, input, Operation.INSERT, null, null, flattened);
        }

        @Override
        public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
            return new Logical(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs), isFlattened());
        }

        @Override
        public void register(RelOptPlanner planner) {
            planner.addRule(TO_ENUMERABLE);
        }
    }

    static final RelOptRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
        .withConversion(Logical.class, Convention.NONE, EnumerableConvention.INSTANCE, "EventsTableModifyRule")
        .withRuleFactory(config -> new ConverterRule(config) {
            @Override
            public RelNode convert(RelNode rel) {
                Logical m = (Logical) rel;
                RelTraitSet traits = m.getTraitSet().replace(EnumerableConvention.INSTANCE);
                return new EventsTableModify(m.getCluster(), traits, m.getTable(), m.getCatalogReader(),
                    convert(m.getInput(), m.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE)),
                    m.isFlattened());
            }
        })
        .toRule(ConverterRule.class);
}
