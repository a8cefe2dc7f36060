package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilder;

/**
 * Calcite's sub-query removal ({@code Programs.subQuery}, the same rules in the same order), with the columns under a
 * node that holds a sub-query renamed first where they bear a name Calcite's {@code SubQueryRemoveRule} gives the
 * columns it adds ({@code m}, {@code c}, {@code d}, …). The rule finds those again by name, and the first of a name
 * wins: the second of two quantified comparisons in one filter or select list ({@code s < ALL (…) AND s = ALL (…)})
 * read the count columns the first had added, and answered wrongly (no rows where PostgreSQL gives one). Renamed
 * (here {@code c$2}), the earlier columns no longer answer to the names; the query's own column names come from its
 * validated type and stay as written. A filter's sub-queries are all removed in one step, on one builder, so there
 * renaming cannot come between them: a filter of several is first made one filter per conjunct that holds any
 * (each removal projects its added columns away again), and a conjunct of several ({@code s < ALL (…) OR s = ALL
 * (…)}) is computed in a project, where they are removed one at a time, and filtered on after (unless one reads a
 * row from outside). Correlated comparisons are left to Calcite as they are: its removal of those still finds its
 * columns by name ({@code s <> ANY (… WHERE k = o.k)} twice in one filter is still wrong).
 */
final class SubQueryRemoval {

    /** The names {@code SubQueryRemoveRule} gives the columns it adds and looks up again (Calcite 1.42). */
    private static final Set<String> RULE_NAMES = Set.of("m", "c", "d", "i", "q", "cs", "ck", "ct", "dd", "dt", "em",
        "x", "trueLiteral");

    /** The rule that renames: first in each collection, so it runs on a node before Calcite's removal does. */
    private static final RelOptRule RENAME = RuleConfig.of(Renaming::new)
        .withOperandSupplier(b -> b.operand(RelNode.class)
            .predicate(node -> node.getVariablesSet().isEmpty() // a correlation's type is its input's, names and all
                && holdsSubQuery(node) && node.getInputs().stream().anyMatch(SubQueryRemoval::hasRuleName))
            .anyInputs())
        .withDescription("SubQueryInputRenaming")
        .toRule();

    /** The rule that gives each of a filter's sub-queries a node of its own: first of all. */
    private static final RelOptRule SPLIT = RuleConfig.of(Splitting::new)
        .withOperandSupplier(b -> b.operand(Filter.class)
            .predicate(SubQueryRemoval::splits)
            .anyInputs())
        .withDescription("SubQueryFilterSplitting")
        .toRule();

    /** The program: Calcite's two removals (as the connection's decorrelation setting picks), each renaming first. */
    static final Program PROGRAM = removal();

    private SubQueryRemoval() {
    }

    private static Program removal() {
        Program correlate = program(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
            CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE);
        Program mark = program(CoreRules.FILTER_SUB_QUERY_TO_MARK_CORRELATE,
            CoreRules.PROJECT_SUB_QUERY_TO_MARK_CORRELATE);
        return (planner, rel, traits, materializations, lattices) -> {
            CalciteConnectionConfig config = planner.getContext().maybeUnwrap(CalciteConnectionConfig.class)
                .orElse(CalciteConnectionConfig.DEFAULT);
            return (config.topDownGeneralDecorrelationEnabled() ? mark : correlate)
                .run(planner, rel, traits, materializations, lattices);
        };
    }

    private static Program program(RelOptRule filter, RelOptRule project) {
        return Programs.of(HepProgram.builder().addRuleCollection(List.of(SPLIT, RENAME, filter, project,
                CoreRules.JOIN_SUB_QUERY_TO_CORRELATE, CoreRules.PROJECT_OVER_SUM_TO_SUM0_RULE)).build(), true,
            DefaultRelMetadataProvider.INSTANCE);
    }

    /**
     * Whether {@link Splitting} changes {@code filter}: it has several conjuncts with sub-queries, or one of several
     * that read no row from outside. (Any other it would make again as it is, for ever.)
     */
    private static boolean splits(Filter filter) {
        if (!filter.getVariablesSet().isEmpty()) {
            return false;
        }
        List<RexNode> withSubQueries = RelOptUtil.conjunctions(filter.getCondition()).stream()
            .filter(c -> subQueries(c) > 0).toList();
        return withSubQueries.size() > 1 || computedInAProject(withSubQueries);
    }

    /**
     * Whether a filter's conjuncts with sub-queries, {@code withSubQueries}, are one of several sub-queries that read
     * no row from outside: computed in a project ({@link Splitting}).
     */
    private static boolean computedInAProject(List<RexNode> withSubQueries) {
        return withSubQueries.size() == 1 && subQueries(withSubQueries.get(0)) > 1
            && !readsOuterRows(withSubQueries.get(0));
    }

    /** The sub-queries in {@code condition}, not counting those within them. */
    private static int subQueries(RexNode condition) {
        return subQueryList(condition).size();
    }

    private static List<RexSubQuery> subQueryList(RexNode condition) {
        List<RexSubQuery> found = new ArrayList<>();
        condition.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitSubQuery(RexSubQuery subQuery) {
                found.add(subQuery);
                return super.visitSubQuery(subQuery);
            }
        });
        return found;
    }

    /**
     * Whether a sub-query of {@code condition} reads a row from outside: Calcite's removal in a project of no
     * correlation of its own takes every such variable for the project's, so moved into one it would bind a row from
     * further out to this level's rows; in a filter they are left to their own level.
     */
    private static boolean readsOuterRows(RexNode condition) {
        return subQueryList(condition).stream().anyMatch(q -> !RelOptUtil.getVariablesUsed(q.rel).isEmpty());
    }

    private static boolean holdsSubQuery(RelNode node) {
        return node instanceof Filter f ? RexUtil.SubQueryFinder.containsSubQuery(f)
            : node instanceof Project p ? RexUtil.SubQueryFinder.containsSubQuery(p)
            : node instanceof Join j && RexUtil.SubQueryFinder.containsSubQuery(j);
    }

    private static boolean hasRuleName(RelNode input) {
        return input.getRowType().getFieldNames().stream().anyMatch(RULE_NAMES::contains);
    }

    /**
     * Makes a filter of several sub-queries filters of one conjunct each (those without any first, below), or, for a
     * conjunct of several, a project computing it, a filter on that, and a project of the input's columns.
     */
    private static final class Splitting extends RelRule<RuleConfig<Splitting>> {

        private Splitting(RuleConfig<Splitting> config) {
            super(config);
        }

        @Override
        public void onMatch(RelOptRuleCall call) {
            Filter filter = call.rel(0);
            List<RexNode> plain = new ArrayList<>();
            List<RexNode> withSubQueries = new ArrayList<>();
            for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
                (subQueries(conjunct) > 0 ? withSubQueries : plain).add(conjunct);
            }
            RexBuilder rex = filter.getCluster().getRexBuilder();
            RelNode input = filter.getInput();
            if (!plain.isEmpty()) {
                input = LogicalFilter.create(input, RexUtil.composeConjunction(rex, plain));
            }
            boolean computed = computedInAProject(withSubQueries);
            for (RexNode conjunct : withSubQueries) {
                input = computed ? computedThenFiltered(call.builder(), input, conjunct)
                    : LogicalFilter.create(input, conjunct);
            }
            call.transformTo(input);
        }

        private static RelNode computedThenFiltered(RelBuilder builder, RelNode input, RexNode conjunct) {
            int n = input.getRowType().getFieldCount();
            builder.push(input);
            List<RexNode> fields = new ArrayList<>(builder.fields());
            fields.add(conjunct);
            builder.project(fields, List.of(), true);
            builder.filter(builder.call(SqlStdOperatorTable.IS_TRUE, builder.field(n)));
            return builder.project(builder.fields().subList(0, n)).build();
        }
    }

    /** Puts a renaming project under each input of the node that has a column of a rule's name. */
    private static final class Renaming extends RelRule<RuleConfig<Renaming>> {

        private Renaming(RuleConfig<Renaming> config) {
            super(config);
        }

        @Override
        public void onMatch(RelOptRuleCall call) {
            RelNode node = call.rel(0);
            RelBuilder builder = call.builder();
            List<RelNode> inputs = new ArrayList<>();
            for (RelNode input : node.getInputs()) {
                inputs.add(hasRuleName(input) ? renamed(builder, input) : input);
            }
            call.transformTo(node.copy(node.getTraitSet(), inputs));
        }

        private static RelNode renamed(RelBuilder builder, RelNode input) {
            List<String> names = new ArrayList<>();
            for (RelDataTypeField f : input.getRowType().getFieldList()) {
                names.add(RULE_NAMES.contains(f.getName()) ? f.getName() + "$" + f.getIndex() : f.getName());
            }
            builder.push(input);
            return builder.project(builder.fields(), names, true).build();
        }
    }
}
