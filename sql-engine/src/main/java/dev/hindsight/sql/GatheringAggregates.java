package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
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
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.Optionality;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code ARRAY_AGG(x)} and {@code STRING_AGG(x, s)} as PostgreSQL's. {@code ARRAY_AGG}: every value of the group in
 * the array, NULLs included, and NULL over no rows.
 * Calcite's implementation adds only the values that are not NULL (it treats every aggregate as strict), and hands
 * out its accumulator itself as the answer, so that in a window ({@code OVER (ORDER BY …)}) the list one row answered
 * went on growing with the rows after it, and every row showed the whole partition. A {@link Program} step before
 * the statement's optimisation ({@link HindsightPreparingStmt#getProgram}) puts an aggregate of this class's in the
 * place of each such call, in an aggregate and in a window, keeping its {@code FILTER}; a call written
 * {@code IGNORE NULLS} stays Calcite's, which is what it asks for. {@code STRING_AGG} (Calcite's {@code LISTAGG}
 * inside) the same way, so that its order holds in a correlated sub-query too (below) and it runs in a window, which
 * Calcite could not (0A000).
 *
 * <p>The call's {@code ORDER BY} and {@code DISTINCT} are done by the aggregate itself, at the end
 * ({@link GatheredValues}): the sort keys that are not the value are extra arguments, and the order is the
 * function's. Calcite's way, a sort of the input that the aggregate's collation names by column, went wrong in a
 * correlated sub-query, whose decorrelation renumbers an aggregate's arguments but not its collation (the values of
 * {@code (SELECT ARRAY_AGG(x ORDER BY x DESC) … WHERE k = t.k)} came in another column's order); and its
 * {@code DISTINCT}, a {@code GROUP BY} of the values below the aggregate, takes a {@code FILTER} for a CASE that
 * makes a row it leaves out NULL, a value this aggregate keeps.
 */
final class GatheringAggregates implements Program {

    /** The step; stateless. */
    static final Program PROGRAM = new GatheringAggregates();

    /** PostgreSQL's SQLState for an aggregate's {@code ORDER BY} of other than its {@code DISTINCT} values. */
    static final String INVALID_COLUMN_REFERENCE = "42P10";

    /**
     * {@code ARRAY_AGG} as Calcite's but typed as PostgreSQL's, NULL over no rows: Calcite's is NOT NULL of a NOT NULL
     * value, so that {@code ARRAY_AGG(seq) IS NULL} was false over no rows, where the answer is NULL. Equal to
     * Calcite's (one class, name and kind), so that its implementation and rules take it as that.
     */
    static final SqlAggFunction ARRAY = SqlBasicAggFunction.create("ARRAY_AGG", SqlKind.ARRAY_AGG,
            Objects.requireNonNull(SqlLibraryOperators.ARRAY_AGG.getReturnTypeInference())
                .andThen(SqlTypeTransforms.FORCE_NULLABLE), OperandTypes.ANY)
        .withFunctionType(SqlFunctionCategory.SYSTEM)
        .withSyntax(SqlSyntax.ORDERED_FUNCTION)
        .withAllowsNullTreatment(true);

    /**
     * {@code STRING_AGG(x, s)} typed as PostgreSQL's, text of any length, NULL over no rows, as the {@code LISTAGG}
     * Calcite turns it into (whose type it takes from {@code LISTAGG}: {@code x}'s own, so NOT NULL of a NOT NULL
     * value, and of {@code 'a'} a CHAR(1), which a UNION beside a longer text cut the answer to); its {@code ORDER BY}
     * goes into a {@code WITHIN GROUP}. This step replaces every call of it ({@link #replaced}), so it needs no
     * implementation.
     */
    static final SqlAggFunction TEXT = SqlBasicAggFunction.create("STRING_AGG", SqlKind.LISTAGG,
            GatheringAggregates::text, OperandTypes.STRING_STRING)
        .withFunctionType(SqlFunctionCategory.SYSTEM)
        .withGroupOrder(Optionality.OPTIONAL);

    /** An {@code ARRAY_AGG} of every value in the order they come, as a window's frame gives them. */
    private static final SqlUserDefinedAggFunction ARRAY_IN_ARRIVAL_ORDER = new KeepingNulls(ARRAY, "", false);

    /** A {@code STRING_AGG} of every value in the order they come, as a window's frame gives them. */
    private static final SqlUserDefinedAggFunction TEXT_IN_ARRIVAL_ORDER = new KeepingNulls(TEXT, "", false);

    private GatheringAggregates() {
    }

    /**
     * {@code call} with {@link #ARRAY} and {@link #TEXT} in place of Calcite's {@code ARRAY_AGG} and
     * {@code STRING_AGG}, which its parser writes (keywords, looked up in no operator table), and {@code LISTAGG}; a
     * {@code STRING_AGG}'s {@code ORDER BY} as a {@code WITHIN GROUP} around it, its separator a comma when none is
     * given. An aggregate with an {@code ORDER BY} in a window is refused as PostgreSQL refuses it (0A000;
     * Calcite's conversion failed, an internal error).
     */
    static SqlCall typed(SqlCall call) {
        if (call.getKind() == SqlKind.OVER && call.operand(0) instanceof SqlCall aggregate && ordered(aggregate)) {
            throw SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED,
                "aggregate ORDER BY is not implemented for window functions");
        }
        if (call instanceof SqlBasicCall basic && SqlLibraryOperators.ARRAY_AGG.equals(basic.getOperator())) {
            basic.setOperator(ARRAY);
            return call;
        }
        List<SqlNode> operands = call.getOperandList();
        boolean ordered = ordered(call);
        int values = operands.size() - (ordered ? 1 : 0);
        boolean text = SqlLibraryOperators.STRING_AGG.equals(call.getOperator())
            || call.getOperator().getName().equalsIgnoreCase("LISTAGG");
        if (!text || values < 1 || values > 2) {
            return call;
        }
        SqlParserPos pos = call.getParserPosition();
        // Calcite's separator when none is given, as its STRING_AGG(x) and LISTAGG(x) had it
        SqlNode separator = values == 2 ? operands.get(1) : SqlLiteral.createCharString(",", pos);
        SqlCall joined = TEXT.createCall(call.getFunctionQuantifier(), pos, operands.get(0), separator);
        return ordered ? SqlStdOperatorTable.WITHIN_GROUP.createCall(pos, joined, operands.get(values)) : joined;
    }

    /**
     * Whether {@code call} is written with an {@code ORDER BY} inside, as {@code ARRAY_AGG(x ORDER BY y)}, or is
     * such a call with a {@code FILTER}, {@code IGNORE NULLS} or a {@code WITHIN GROUP} order.
     */
    private static boolean ordered(SqlCall call) {
        List<SqlNode> operands = call.getOperandList();
        return switch (call.getKind()) {
            case WITHIN_GROUP -> true;
            case FILTER, IGNORE_NULLS, RESPECT_NULLS -> call.operand(0) instanceof SqlCall inner && ordered(inner);
            default -> call.getOperator().getSyntax() == SqlSyntax.ORDERED_FUNCTION && !operands.isEmpty()
                && operands.get(operands.size() - 1) instanceof SqlNodeList;
        };
    }

    /** {@code STRING_AGG}'s type: text of any length, of its value's character set, NULL over no rows. */
    private static RelDataType text(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType value = binding.getOperandType(0);
        RelDataType text = types.createSqlType(SqlTypeName.VARCHAR);
        if (value.getCharset() != null && value.getCollation() != null) {
            text = types.createTypeWithCharsetAndCollation(text, value.getCharset(), value.getCollation());
        }
        return types.createTypeWithNullability(text, true);
    }

    @Override
    public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
                       List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
        Windows windows = new Windows(rel.getCluster().getRexBuilder());
        return rel.accept(new EveryNode(node -> (node instanceof LogicalAggregate aggregate ? rewrite(aggregate)
            : node).accept(windows)));
    }

    /**
     * {@code rel} with its aggregates' calls replaced (not its windows'), for the decorrelation of {@code LATERAL}
     * joins Calcite runs before the program: it renumbers the arguments but not the collation, so a {@code LATERAL}
     * sub-query's {@code STRING_AGG(w, ',' ORDER BY w DESC)} was sorted by the outer key (a,b where PostgreSQL gives
     * b,a). Replaced first, the order is the function's and its keys are arguments.
     */
    static RelNode aggregatesIn(RelNode rel) {
        return rel.accept(new EveryNode(node -> node instanceof LogicalAggregate aggregate ? rewrite(aggregate)
            : node));
    }

    private static RelNode rewrite(LogicalAggregate aggregate) {
        if (aggregate.getAggCallList().stream().noneMatch(GatheringAggregates::replaced)) {
            return aggregate;
        }
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            calls.add(replaced(call) ? ordered(call) : call);
        }
        return aggregate.copy(aggregate.getTraitSet(), aggregate.getInput(), aggregate.getGroupSet(),
            aggregate.getGroupSets(), calls);
    }

    /**
     * {@code call} as an aggregate of its value (and a {@code STRING_AGG}'s separator) and its other sort keys, in the
     * order written into the function ({@link GatheredValues}: a key's position among the arguments, A or D, F or L
     * for NULLs first or last). A {@code DISTINCT} call's order must be of its value alone (PostgreSQL refuses
     * another, 42P10); without one it is ascending, as PostgreSQL sorts the values to find the distinct ones.
     */
    private static AggregateCall ordered(AggregateCall call) {
        int x = call.getArgList().get(0);
        List<RelFieldCollation> keys = call.getCollation().getFieldCollations();
        if (call.isDistinct() && keys.stream().anyMatch(key -> key.getFieldIndex() != x)) {
            throw SqlErrors.of(INVALID_COLUMN_REFERENCE, "in an aggregate with DISTINCT, ORDER BY expressions must "
                + "appear in argument list");
        }
        if (call.isDistinct() && keys.isEmpty()) {
            keys = List.of(new RelFieldCollation(x));
        }
        List<Integer> args = new ArrayList<>(call.getArgList());
        StringJoiner order = new StringJoiner(",");
        for (RelFieldCollation key : keys) {
            int position = key.getFieldIndex() == x ? 0 : args.size();
            if (position > 0) {
                args.add(key.getFieldIndex());
            }
            RelFieldCollation.NullDirection nulls = key.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                ? key.direction.defaultNullDirection() : key.nullDirection;
            order.add(position + (key.direction.isDescending() ? "D" : "A")
                + (nulls == RelFieldCollation.NullDirection.FIRST ? "F" : "L"));
        }
        // typed as the call it replaces, whatever its arguments: Calcite's inference would read the sort keys too
        RelDataType type = call.getType();
        return AggregateCall.create(call.getParserPosition(), new KeepingNulls(
            call.getAggregation().getKind() == SqlKind.LISTAGG, binding -> type, order.toString(), call.isDistinct()),
            false, false, false, call.rexList, args, call.filterArg, null, RelCollations.EMPTY, type, call.getName());
    }

    private static boolean replaced(AggregateCall call) {
        SqlKind kind = call.getAggregation().getKind();
        return (kind == SqlKind.ARRAY_AGG && !call.ignoreNulls())
            || (kind == SqlKind.LISTAGG && call.getArgList().size() == 2);
    }

    /** One node's {@code ARRAY_AGG(…)} and {@code STRING_AGG(…)} windows, in arrival order (they have no order). */
    private static final class Windows extends RexShuttle {
        private final RexBuilder rex;

        Windows(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            SqlKind kind = over.getOperator().getKind();
            boolean array = kind == SqlKind.ARRAY_AGG && !over.ignoreNulls();
            boolean text = (kind == SqlKind.LISTAGG || kind == SqlKind.STRING_AGG) && over.getOperands().size() == 2;
            if (!(array || text) || !(visited instanceof RexOver call)) {
                return visited;
            }
            return WindowCalls.withOperator(rex, call, array ? ARRAY_IN_ARRIVAL_ORDER : TEXT_IN_ARRIVAL_ORDER);
        }
    }

    /**
     * The function of one order, in place of {@code ARRAY_AGG} or of {@code LISTAGG} ({@code STRING_AGG}), typed as
     * it: equal to another of the same kind and order only, so that two calls of other orders are not taken for one.
     * It says that a NULL is a value to it, so that Calcite's rules do not turn
     * {@code ARRAY_AGG(CASE WHEN c THEN x END)} into {@code ARRAY_AGG(x) FILTER (WHERE c)} (for an aggregate that
     * skips NULLs the same), nor a {@code STRING_AGG} of such a CASE into one of its value alone, without the
     * separator and sort keys beside it.
     */
    private static final class KeepingNulls extends SqlUserDefinedAggFunction {

        KeepingNulls(SqlAggFunction replaced, String order, boolean distinct) {
            this(replaced.getKind() == SqlKind.LISTAGG, Objects.requireNonNull(replaced.getReturnTypeInference()),
                order, distinct);
        }

        KeepingNulls(boolean text, SqlReturnTypeInference type, String order, boolean distinct) {
            super(new SqlIdentifier(text ? "STRING_AGG" : "ARRAY_AGG", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                type, null, null, new Collector(text, order, distinct), false, false, Optionality.FORBIDDEN);
        }

        @Override
        public boolean skipsNullInputs() {
            return false;
        }

        /** Equal as its code is: of the same kind, order and {@code DISTINCT}. */
        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof KeepingNulls other && function.equals(other.function);
        }

        @Override
        public int hashCode() {
            return function.hashCode();
        }

        @Override
        public String toString() {
            return function.toString();
        }
    }

    /**
     * The aggregate's code: an {@code ArrayList} per group, every value added (the {@code FILTER} alone decides),
     * with what was gathered beside it when there is more, and at the end {@link GatheredValues} of them: a new list
     * or text, so that a window's rows stay apart (Calcite adds a running frame's next row to the same accumulator).
     */
    private record Collector(boolean text, String order, boolean distinct)
        implements ImplementableAggFunction, AggImplementor {

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
            List<Expression> arguments = add.arguments().stream().map(Expressions::box).toList();
            Expression row = arguments.size() == 1 ? arguments.get(0)
                : Expressions.newArrayInit(Object.class, arguments);
            Statement adding = Expressions.statement(Expressions.call(add.accumulator().get(0),
                BuiltInMethod.COLLECTION_ADD.method, row));
            RexNode filter = add.rexFilterArgument();
            add.currentBlock().add(filter == null ? adding : Expressions.ifThen(add.rowTranslator()
                .translateList(List.of(filter), RexImpTable.NullAs.FALSE).get(0), adding));
        }

        @Override
        public Expression implementResult(AggContext info, AggResultContext result) {
            Expression rows = result.accumulator().get(0);
            if (text) {
                return Expressions.call(GatheredValues.class, "text", rows, Expressions.constant(order),
                    Expressions.constant(distinct));
            }
            boolean arrays = info.parameterRelTypes().get(0).getSqlTypeName() == SqlTypeName.ARRAY;
            return Expressions.call(GatheredValues.class, "array", rows, Expressions.constant(order),
                Expressions.constant(distinct), Expressions.constant(info.parameterRelTypes().size() > 1),
                Expressions.constant(arrays));
        }

        @Override
        public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
            throw new UnsupportedOperationException("typed by the call it replaces");
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }

        @Override
        public String toString() {
            return (text ? "STRING_AGG" : "ARRAY_AGG") + (distinct ? "[DISTINCT " : "[") + order + "]";
        }
    }
}
