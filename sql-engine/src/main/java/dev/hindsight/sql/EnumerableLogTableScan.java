package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The physical twin of {@link LogTableScan}: generates a call of {@link LogTable#scan} with what was planned as one
 * stashed {@link ScanSpec} and the pushed expressions translated to Java (a literal, a {@code ?} parameter, a
 * {@code CAST}, {@code CURRENT_TIMESTAMP}), so a prepared statement's parameters reach the index seek.
 */
final class EnumerableLogTableScan extends TableScan implements EnumerableRel {

    private final LogTableScan logical;

    EnumerableLogTableScan(LogTableScan logical, RelTraitSet traits) {
        super(logical.getCluster(), traits, List.of(), logical.getTable());
        this.logical = logical;
    }

    /** The logical scan this one implements, with what was pushed into it. */
    LogTableScan logical() {
        return logical;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new EnumerableLogTableScan(logical, traitSet);
    }

    /** The scan with {@code shuttle} run over the values pushed into it ({@link LogTableScan#withPushed}). */
    @Override
    public RelNode accept(RexShuttle shuttle) {
        LogTableScan rewritten = logical.withPushed(shuttle);
        return rewritten.equals(logical) ? this : new EnumerableLogTableScan(rewritten, getTraitSet());
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return LogTableScan.explainPushed(super.explainTerms(pw), logical);
    }

    @Override
    public RelDataType deriveRowType() {
        return logical.getRowType();
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return logical.estimateRowCount(mq);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner,
                                                              RelMetadataQuery mq) {
        RelOptCost cost = super.computeSelfCost(planner, mq);
        return cost == null ? null : cost.multiplyBy(logical.columnCostFactor());
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        // Calcite wants a one-column row as the value itself (SCALAR): the table then hands out scalars
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        String method = physType.getFormat() == JavaRowFormat.SCALAR ? "scanScalar" : "scan";
        BlockBuilder block = new BlockBuilder();
        RexToLixTranslator translator = RexToLixTranslator.forAggregation(implementor.getTypeFactory(), block, null,
            SqlConformanceEnum.DEFAULT);
        List<Expression> values = new ArrayList<>();
        for (RexNode pushed : Arrays.asList(logical.streamId, logical.seqLo, logical.seqHi, logical.name,
            logical.tsLo, logical.tsHi, logical.asOfTs, logical.asOfSeq)) {
            values.add(pushed == null
                ? Expressions.constant(null, Object.class)
                : Expressions.convert_(Expressions.box(translator.translateList(List.of(pushed)).get(0)),
                    Object.class));
        }
        // which filters were pushed: a pushed one whose value is NULL (stream_id = NULL, seq > NULL) matches nothing;
        // and whether an AS OF was given: one whose point is NULL is refused, not read as none
        RexNode[] filters = {logical.streamId, logical.seqLo, logical.seqHi, logical.name, logical.tsLo, logical.tsHi,
            logical.asOfTs, logical.asOfSeq};
        int pushed = 0;
        for (int i = 0; i < filters.length; i++) {
            pushed |= filters[i] == null ? 0 : 1 << i;
        }
        ScanSpec spec = new ScanSpec(logical.fields == null ? null : logical.fields.toIntArray(), logical.descending,
            pushed, logical.needles, logical.extracts, implementor.getTypeFactory().getTypeSystem().roundingMode());
        List<Expression> args = List.of(implementor.getRootExpression(), implementor.stash(spec, ScanSpec.class),
            Expressions.newArrayInit(Object.class, values));
        block.add(Expressions.return_(null,
            Expressions.call(getTable().getExpression(LogTable.class), method, args)));
        return implementor.result(physType, block.toBlock());
    }

    static RelTraitSet enumerableTraits(RelNode rel) {
        return rel.getTraitSet().replace(EnumerableConvention.INSTANCE);
    }
}
