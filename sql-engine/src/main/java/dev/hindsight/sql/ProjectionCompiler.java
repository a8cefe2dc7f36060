package dev.hindsight.sql;

import dev.hindsight.projection.ColumnType;
import dev.hindsight.projection.ProjectionColumn;
import dev.hindsight.sql.json.JsonValueRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Compiles the {@code SELECT} of a {@code CREATE PROJECTION}, validated and converted by Calcite, into a
 * {@link SqlFold}: no second SQL interpreter, Calcite's own code generation evaluates every expression. The
 * supported class is what can be maintained exactly by folding each new event into its group:
 *
 * <pre>
 *   [outer SELECT expressions over keys and aggregates]      compiled, applied when a row is read
 *   [HAVING]                                                 compiled, applied when a row is read
 *   Aggregate: GROUP BY expressions; COUNT SUM MIN MAX AVG LATEST, each with an optional FILTER (WHERE …)
 *   [Project / Filter over event columns and JSON values]    compiled, run per event
 *   the events table
 * </pre>
 *
 * AVG becomes SUM and COUNT with Calcite's own rewrite ({@code AggregateReduceFunctionsRule}), so its rounding is the
 * query engine's. Everything else is refused with what is not supported ({@link ProjectionRefusal}).
 */
final class ProjectionCompiler {

    private static final HepProgram NORMALISE = HepProgram.builder()
        .addRuleInstance(JsonValueRule.PROJECT) // JSON_VALUE of data as the fast walk, as queries have it
        .addRuleInstance(JsonValueRule.FILTER)
        // AVG only: left alone, SUM stays one nullable accumulator instead of COUNT + SUM0 + a CASE on every read
        .addRuleInstance(CoreRules.AGGREGATE_REDUCE_FUNCTIONS.config.withFunctionsToReduce(EnumSet.of(SqlKind.AVG))
            .toRule())
        // a HAVING over that rewrite's Project goes under it, so the shape is the one read below (it was refused)
        .addRuleInstance(CoreRules.FILTER_PROJECT_TRANSPOSE)
        .addRuleInstance(CoreRules.PROJECT_MERGE)
        .addRuleInstance(CoreRules.FILTER_MERGE)
        .addRuleInstance(CoreRules.PROJECT_REMOVE)
        .build();

    private ProjectionCompiler() {
    }

    static SqlFold compile(String name, String definition, RelRoot root) {
        RelNode projected = root.project();
        RelDataType rowType = projected.getRowType();
        columns(root.validatedRowType); // the names as written: the plan's are made unique (count, count0)
        List<ProjectionColumn> columns = columns(rowType);
        ProjectionChecks.refuseUnsupported(projected);
        HepPlanner hep = new HepPlanner(NORMALISE);
        hep.setRoot(FilteredArguments.guard(projected)); // per event as in a query: the filter, then the argument
        RelNode rel = hep.findBestExp();
        RexBuilder rex = rel.getCluster().getRexBuilder();

        Project outer = null;
        Filter having = null;
        if (rel instanceof Project p) {
            outer = p;
            rel = p.getInput();
        }
        if (rel instanceof Filter f) {
            having = f;
            rel = f.getInput();
        }
        if (!(rel instanceof Aggregate agg)) {
            throw ProjectionRefusal.of("a projection aggregates events into groups: SELECT … FROM events [WHERE …] "
                + "GROUP BY … with COUNT, SUM, MIN, MAX, AVG or LATEST");
        }
        if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
            throw ProjectionRefusal.of("GROUPING SETS, ROLLUP and CUBE are not supported in a projection");
        }
        EventInput input = EventInput.of(agg.getInput(), rex);

        List<RexNode> values = new ArrayList<>();
        for (int k : agg.getGroupSet()) {
            values.add(input.exprs().get(k));
        }
        int keys = values.size();
        List<Accumulator> accumulators = new ArrayList<>();
        for (AggregateCall call : agg.getAggCallList()) {
            accumulators.add(accumulator(call, input, values));
        }

        RexNode condition = input.condition();
        Set<String> names = condition == null ? Set.of() : EventNames.of(rex, condition);
        RelDataType events = input.scanRowType();
        JsonExtractsOfEvent json = new JsonExtractsOfEvent(rex, events.getFieldCount());
        RexNode filter = json.extract(condition);
        List<RexNode> evaluated = new ArrayList<>();
        for (RexNode v : values) {
            evaluated.add(json.extract(v));
        }
        RelDataType inputType = json.rowType(events, rex.getTypeFactory());
        ImmutableBitSet direct = RelOptUtil.InputFinder.bits(evaluated, filter)
            .intersect(ImmutableBitSet.range(events.getFieldCount()));
        ImmutableBitSet used = direct.union(ImmutableBitSet.of(json.docs()));
        Function1<DataContext, Object[]> filterFn = filter == null ? null
            : compile(rex, List.of(filter), inputType, false);
        SqlFold.Plan plan = new SqlFold.Plan(name, definition, rowType, columns,
            primaryKey(rowType, outer, keys), names, used, direct, inputType.getFieldCount(), json.functions(),
            json.paths(), json.docs(), json.precisions(), json.scales(), json.fallbackTexts(),
            filterFn, ValuePicks.of(evaluated, compile(rex, evaluated, inputType, false)), keys,
            accumulators,
            outer == null ? null : compile(rex, outer.getProjects(), outer.getInput().getRowType(), true),
            having == null ? null : compile(rex, List.of(having.getCondition()), having.getInput().getRowType(), true));
        return new SqlFold(plan);
    }

    private static Accumulator accumulator(AggregateCall call, EventInput input, List<RexNode> values) {
        String what = call.getAggregation().getName();
        if (call.isDistinct()) {
            throw ProjectionRefusal.of(what + "(DISTINCT …) is not supported in a projection: a distinct count "
                + "cannot be maintained event by event without keeping every value");
        }
        if (!call.collation.getFieldCollations().isEmpty()) {
            throw ProjectionRefusal.of(what + " … WITHIN GROUP is not supported in a projection");
        }
        if (call.distinctKeys != null) { // Calcite's agg(x) WITHIN DISTINCT (k): it was folded as the plain agg(x)
            throw ProjectionRefusal.of(what + " … WITHIN DISTINCT is not supported in a projection: it cannot be "
                + "maintained event by event without keeping every key");
        }
        List<Integer> args = call.getArgList();
        Accumulator.Kind kind = switch (call.getAggregation().getKind()) {
            case COUNT -> Accumulator.Kind.COUNT;
            case SUM -> Accumulator.Kind.SUM;
            case SUM0 -> Accumulator.Kind.SUM0;
            case MIN -> Accumulator.Kind.MIN;
            case MAX -> Accumulator.Kind.MAX;
            case ARG_MAX -> Accumulator.Kind.LATEST;
            default -> throw ProjectionRefusal.of("aggregate " + what + " is not supported in a projection: use "
                + "COUNT, SUM, MIN, MAX, AVG or LATEST");
        };
        if (kind == Accumulator.Kind.COUNT && args.size() > 1) {
            throw ProjectionRefusal.of("COUNT of several expressions is not supported in a projection");
        }
        if (kind == Accumulator.Kind.LATEST) {
            RexNode by = input.exprs().get(args.get(1));
            if (!(by instanceof RexInputRef ref) || ref.getIndex() != EventsTable.SEQ) {
                throw ProjectionRefusal.of("ARG_MAX in a projection must be by seq: write LATEST(expr)");
            }
        }
        int arg = args.isEmpty() ? -1 : indexOf(values, input.exprs().get(args.get(0)));
        int filter = call.filterArg < 0 ? -1 : indexOf(values, input.exprs().get(call.filterArg));
        return new Accumulator(kind, arg, filter, call.getType().getSqlTypeName(), call.getType().getScale());
    }

    private static int indexOf(List<RexNode> values, RexNode expr) {
        values.add(expr); // a slot of its own per aggregate argument, even when two aggregates read the same one
        return values.size() - 1;
    }

    private static Function1<DataContext, Object[]> compile(RexBuilder rex, List<RexNode> exprs, RelDataType input,
                                                            boolean onRead) {
        List<RexNode> expanded = new ArrayList<>();
        for (RexNode e : exprs) {
            RexNode search = RexUtil.expandSearch(rex, null, e);
            // what is read (the outer SELECT, HAVING) is checked as a query's is: overflow fails, DOUBLE has no
            // Infinity, dates stay in years 1 to 9999; what runs per event divides DECIMALs exactly, adds intervals
            // and fails on an integer's overflow as a query does (it wrapped: a plausible wrong sum, the projection
            // active), but is not checked further, as a failure there would stop the projection at that event for
            // good (the log cannot change); a text cast to a DECIMAL fails as before, only at once, and one to a
            // DOUBLE or REAL of text beyond it as a query's (it was Infinity)
            RexNode exact = onRead ? DatetimeRange.checkedIn(rex, CheckedArithmetic.checked(rex, search))
                : DatetimeRange.arithmeticIn(rex, DecimalDivision.exactIn(rex,
                    FloatingPoint.textCastsIn(rex, CheckedArithmetic.checked(rex, search))));
            expanded.add(DecimalRange.guardedIn(rex, exact)); // a huge exponent's 22003 at once, not in minutes
        }
        return RexExecutorImpl.getExecutable(rex, expanded, input).getFunction();
    }

    private static List<ProjectionColumn> columns(RelDataType rowType) {
        List<ProjectionColumn> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            String n = f.getName();
            if (n.startsWith("EXPR$") || n.equals("?column?")) { // unnamed (Calcite's, PostgreSQL's name for it)
                throw ProjectionRefusal.of("column " + (f.getIndex() + 1) + " of the projection needs a name: "
                    + "write the expression AS a_name");
            }
            if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                // it has one, but not as a plain identifier: say so, not that it has none
                throw ProjectionRefusal.of("column " + (f.getIndex() + 1) + " of the projection is named \"" + n
                    + "\": a projection's column names are plain identifiers (letters, digits and _, not first a "
                    + "digit); write AS a_name");
            }
            if (!seen.add(n.toLowerCase(Locale.ROOT))) {
                throw ProjectionRefusal.of("two columns of the projection are named " + n);
            }
            out.add(ProjectionColumn.of(n, columnType(f.getType())));
        }
        return out;
    }

    private static ColumnType columnType(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case BIGINT -> ColumnType.BIGINT;
            case INTEGER, SMALLINT, TINYINT -> ColumnType.INTEGER;
            case DOUBLE, FLOAT, REAL -> ColumnType.DOUBLE;
            case DECIMAL -> ColumnType.DECIMAL;
            case BOOLEAN -> ColumnType.BOOLEAN;
            case TIMESTAMP -> ColumnType.TIMESTAMP;
            // their values are Calcite's numbers (days, milliseconds, months): shown as VARCHAR they read as such
            case DATE -> ColumnType.DATE;
            case TIME -> ColumnType.TIME;
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND ->
                ColumnType.INTERVAL_DAY_SECOND;
            case INTERVAL_HOUR, INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                 INTERVAL_SECOND -> ColumnType.INTERVAL_HOUR_SECOND;
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> ColumnType.INTERVAL_YEAR_MONTH;
            default -> ColumnType.VARCHAR;
        };
    }

    /** The columns that are the group keys, if every key is shown as a plain column; else none. */
    private static List<String> primaryKey(RelDataType rowType, Project outer, int keys) {
        List<String> names = rowType.getFieldNames();
        if (outer == null) {
            return List.copyOf(names.subList(0, keys));
        }
        String[] byKey = new String[keys];
        List<RexNode> projects = outer.getProjects();
        for (int i = 0; i < projects.size(); i++) {
            if (projects.get(i) instanceof RexInputRef ref && ref.getIndex() < keys && byKey[ref.getIndex()] == null) {
                byKey[ref.getIndex()] = names.get(i);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : byKey) {
            if (n == null) {
                return List.of();
            }
            out.add(n);
        }
        return List.copyOf(out);
    }
}
