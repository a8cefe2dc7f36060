package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.adapter.enumerable.AggResetContext;
import org.apache.calcite.adapter.enumerable.AggResultContext;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Statement;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.Optionality;

/**
 * {@code ARRAY_AGG(x)} as PostgreSQL's: every value of the group in the array, NULLs included, and NULL over no rows.
 * Calcite's implementation adds only the values that are not NULL (it treats every aggregate as strict), and hands
 * out its accumulator itself as the answer, so that in a window ({@code OVER (ORDER BY …)}) the list one row answered
 * went on growing with the rows after it, and every row showed the whole partition. A {@link Program} step before
 * the statement's optimisation ({@link HindsightPreparingStmt#getProgram}) puts {@link #KEEPING_NULLS} in the place
 * of each such call, in an aggregate and in a window, keeping its order and {@code FILTER}, and
 * {@link #DISTINCT_VALUES} in the place of a {@code DISTINCT} one; a call written {@code IGNORE NULLS} stays
 * Calcite's, which is what it asks for.
 */
final class ArrayAggregates implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new ArrayAggregates();

    /** PostgreSQL's SQLState for an aggregate's {@code ORDER BY} of other than its {@code DISTINCT} values. */
    static final String INVALID_COLUMN_REFERENCE = "42P10";

    /** An {@code ARRAY_AGG} that adds every value and answers a copy of them; typed as Calcite's. */
    static final SqlUserDefinedAggFunction KEEPING_NULLS = function(false);

    /** {@link #KEEPING_NULLS} of each value once: given them sorted, it leaves out a value equal to the one before. */
    static final SqlUserDefinedAggFunction DISTINCT_VALUES = function(true);

    private ArrayAggregates() {
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        Windows windows = new Windows(rel.getCluster().getRexBuilder());
        return rel.accept(new EveryNode(node -> (node instanceof LogicalAggregate aggregate ? rewrite(aggregate)
            : node).accept(windows)));
    }

    private static RelNode rewrite(LogicalAggregate aggregate) {
        if (aggregate.getAggCallList().stream().noneMatch(ArrayAggregates::replaced)) {
            return aggregate;
        }
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            calls.add(!replaced(call) ? call : AggregateCall.create(call.getParserPosition(),
                call.isDistinct() ? DISTINCT_VALUES : KEEPING_NULLS, false, false, false, call.rexList,
                call.getArgList(), call.filterArg, null, call.isDistinct() ? sorted(call) : call.getCollation(),
                call.getType(), call.getName()));
        }
        return aggregate.copy(aggregate.getTraitSet(), aggregate.getInput(), aggregate.getGroupSet(),
            aggregate.getGroupSets(), calls);
    }

    /**
     * The order a {@code DISTINCT} call's values are added in, so that equal ones meet: its own when that is of its
     * values alone (PostgreSQL refuses another, 42P10), else ascending with NULLs last, PostgreSQL's (which sorts
     * them to find the distinct ones). Calcite's own way, a {@code GROUP BY} of the values below the aggregate,
     * takes a {@code FILTER} for a CASE that makes a row it leaves out NULL, a value this aggregate would keep.
     */
    private static RelCollation sorted(AggregateCall call) {
        int x = call.getArgList().get(0);
        if (call.getCollation().getFieldCollations().stream().anyMatch(order -> order.getFieldIndex() != x)) {
            throw SqlErrors.of(INVALID_COLUMN_REFERENCE, "in an aggregate with DISTINCT, ORDER BY expressions must "
                + "appear in argument list");
        }
        return !call.getCollation().getFieldCollations().isEmpty() ? call.getCollation()
            : RelCollations.of(new RelFieldCollation(x, RelFieldCollation.Direction.ASCENDING,
                RelFieldCollation.NullDirection.LAST));
    }

    private static boolean replaced(AggregateCall call) {
        return call.getAggregation().getKind() == SqlKind.ARRAY_AGG && !call.ignoreNulls();
    }

    /** One node's {@code ARRAY_AGG(…) OVER (…)} calls, with {@link #KEEPING_NULLS}. */
    private static final class Windows extends RexShuttle {
        private final RexBuilder rex;

        Windows(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            if (over.getOperator().getKind() != SqlKind.ARRAY_AGG || over.ignoreNulls()
                || !(visited instanceof RexOver call)) {
                return visited;
            }
            RexWindow w = call.getWindow();
            return rex.makeOver(call.getParserPosition(), call.getType(), KEEPING_NULLS, call.getOperands(),
                w.partitionKeys, w.orderKeys, w.getLowerBound(), w.getUpperBound(), w.getExclude(), w.isRows(), true,
                false, call.isDistinct(), false);
        }
    }

    private static SqlUserDefinedAggFunction function(boolean distinct) {
        return new KeepingNulls(new Collector(distinct));
    }

    /**
     * The function, saying that a NULL is a value to it, so that Calcite's rules do not turn
     * {@code ARRAY_AGG(CASE WHEN c THEN x END)} into {@code ARRAY_AGG(x) FILTER (WHERE c)}, which for an aggregate
     * that skips NULLs is the same.
     */
    private static final class KeepingNulls extends SqlUserDefinedAggFunction {
        KeepingNulls(Collector collector) {
            super(new SqlIdentifier("ARRAY_AGG", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                Objects.requireNonNull(SqlLibraryOperators.ARRAY_AGG.getReturnTypeInference()), null, null, collector,
                false, false, Optionality.FORBIDDEN);
        }

        @Override
        public boolean skipsNullInputs() {
            return false;
        }
    }

    /**
     * The aggregate's code: an {@code ArrayList} per group, every value added (the {@code FILTER} alone decides;
     * {@link ArrayValues#addDistinct} for {@code DISTINCT}), and at the end a copy of it, or NULL when it is empty.
     * The copy is what keeps a window's rows apart: Calcite adds a running frame's next row to the same accumulator.
     */
    private static final class Collector implements ImplementableAggFunction, AggImplementor {
        private final boolean distinct;

        Collector(boolean distinct) {
            this.distinct = distinct;
        }

        @Override
        public AggImplementor getImplementor(boolean windowContext) {
            return this;
        }

        @Override
        public List<Type> getStateType(AggContext info) {
            return List.of(List.class);
        }

        @Override
        public void implementReset(AggContext info, AggResetContext reset) {
            reset.currentBlock().add(Expressions.statement(Expressions.assign(reset.accumulator().get(0),
                Expressions.new_(ArrayList.class))));
        }

        @Override
        public void implementAdd(AggContext info, AggAddContext add) {
            Expression value = Expressions.box(add.arguments().get(0));
            Statement adding = Expressions.statement(distinct
                ? Expressions.call(ArrayValues.class, "addDistinct", add.accumulator().get(0), value)
                : Expressions.call(add.accumulator().get(0), BuiltInMethod.COLLECTION_ADD.method, value));
            RexNode filter = add.rexFilterArgument();
            add.currentBlock().add(filter == null ? adding : Expressions.ifThen(add.rowTranslator()
                .translateList(List.of(filter), RexImpTable.NullAs.FALSE).get(0), adding));
        }

        @Override
        public Expression implementResult(AggContext info, AggResultContext result) {
            Expression values = result.accumulator().get(0);
            return Expressions.condition(Expressions.call(values, "isEmpty"), Expressions.constant(null, List.class),
                Expressions.new_(ArrayList.class, values));
        }

        @Override
        public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
            throw new UnsupportedOperationException("typed by the ARRAY_AGG call it replaces");
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }

        @Override
        public String toString() {
            return distinct ? "ARRAY_AGG(DISTINCT)" : "ARRAY_AGG";
        }
    }
}
