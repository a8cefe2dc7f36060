package dev.hindsight.sql;

import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlJsonValueFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Puts {@link JsonValueFunction} in place of Calcite's {@code JSON_VALUE} where the two agree: on {@code data} or
 * {@code metadata} of {@code events} as stored (well-formed: the log checks each on append), a literal path it
 * compiles, no {@code RETURNING} (the call's type is text). Calcite's implementation parses the document into a tree
 * and runs a JSONPath engine on every call (2–8 µs a row); the fast one walks the text once. Applied by
 * {@link #PROGRAM} in a phase of its own before the cost-based planner: offered as an alternative there, it would tie
 * on cost with the original and lose.
 */
@SuppressWarnings("deprecation") // RelOptRule's operand helpers; see LogTableRules
final class JsonValueRule {

    /** The name the fast function shows in plans. */
    static final String FAST_NAME = "HINDSIGHT_JSON_VALUE";

    private static final SqlUserDefinedFunction FAST = new SqlUserDefinedFunction(
        new SqlIdentifier(FAST_NAME, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0_NULLABLE_VARYING, null, null, ScalarFunctionImpl.create(JsonValueFunction.class, "eval"));

    private JsonValueRule() {
    }


    static final RelOptRule PROJECT = new RelOptRule(
        RelOptRule.operand(LogicalProject.class, RelOptRule.any()), "JsonValueProjectRule") {
        @Override
        public void onMatch(RelOptRuleCall call) {
            LogicalProject project = call.rel(0);
            Rewriter r =
                new Rewriter(project.getCluster().getRexBuilder(), project.getInput(), call.getMetadataQuery());
            List<RexNode> exprs = r.apply(project.getProjects());
            if (r.changed) {
                call.transformTo(project.copy(project.getTraitSet(), project.getInput(), exprs, project.getRowType()));
            }
        }
    };

    static final RelOptRule FILTER = new RelOptRule(
        RelOptRule.operand(LogicalFilter.class, RelOptRule.any()), "JsonValueFilterRule") {
        @Override
        public void onMatch(RelOptRuleCall call) {
            LogicalFilter filter = call.rel(0);
            Rewriter r = new Rewriter(filter.getCluster().getRexBuilder(), filter.getInput(), call.getMetadataQuery());
            RexNode condition = filter.getCondition().accept(r);
            if (r.changed) {
                RelNode copy = filter.copy(filter.getTraitSet(), filter.getInput(), condition);
                call.transformTo(copy);
            }
        }
    };

    /** Calcite's standard optimisation, preceded by the rewrite (declared after the rules it uses). */
    static final Program PROGRAM = Programs.sequence(
        Programs.hep(List.of(PROJECT, FILTER), true,
            DefaultRelMetadataProvider.INSTANCE),
        Programs.standard());

    private static final class Rewriter extends RexShuttle {
        private final RexBuilder rex;
        private final RelNode input;
        private final RelMetadataQuery mq;
        boolean changed;

        Rewriter(RexBuilder rex, RelNode input, RelMetadataQuery mq) {
            this.rex = rex;
            this.input = input;
            this.mq = mq;
        }

        /**
         * Whether {@code doc} is {@code data} or {@code metadata} of {@code events} as stored: the log checked it is
         * one well-formed JSON object when it was appended, and the fast walk, which does not validate what it skips,
         * answers exactly as Calcite's parser only for well-formed documents ({@code data || 'x'} is not one).
         */
        private boolean isStoredJson(RexNode doc) {
            if (!(doc instanceof RexInputRef ref) || mixesInOtherRows(input)) {
                return false;
            }
            Set<RelColumnOrigin> origins =
                mq.getColumnOrigins(input, ref.getIndex());
            if (origins == null || origins.size() != 1) {
                return false;
            }
            RelColumnOrigin origin = origins.iterator().next();
            int column = origin.getOriginColumnOrdinal();
            return !origin.isDerived() && origin.getOriginTable().unwrap(EventsTable.class) != null
                && (column == EventsTable.DATA || column == EventsTable.METADATA);
        }

        /**
         * Whether rows other than stored events can reach {@code node}'s output: a UNION with a {@code VALUES} branch
         * ({@code … UNION ALL SELECT '{"a":3,"b":tru}'}), whose column origins still name only {@code events.data}
         * because a literal has no origin.
         */
        private static boolean mixesInOtherRows(RelNode node) {
            RelNode n = node.stripped();
            if (n instanceof SetOp || n instanceof Values) {
                return true;
            }
            for (RelNode in : n.getInputs()) {
                if (mixesInOtherRows(in)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexNode visited = super.visitCall(call);
            if (visited instanceof RexCall c && c.getOperator() instanceof SqlJsonValueFunction
                && c.getOperands().size() == 2
                && c.getType().getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER
                && isStoredJson(c.getOperands().get(0))
                && c.getOperands().get(1) instanceof RexLiteral path
                && path.getValueAs(String.class) != null
                && JsonValueFunction.compile(path.getValueAs(String.class)) != null) {
                changed = true;
                return rex.makeCall(c.getType(), FAST, c.getOperands());
            }
            return visited;
        }
    }
}
