package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * {@code Project(LogTableScan)} → the project over a scan of only the columns it uses, so that a scan decodes nothing
 * no one reads ({@code data} is most of an event's bytes); the project's {@code JSON_VALUE} calls that the scan can
 * compute ({@link JsonExtracts}) become columns of the scan.
 */
final class LogTableProjectScanRule extends RelRule<RuleConfig<LogTableProjectScanRule>> {

    /** The operands and the description plans name the rule by. */
    static final RuleConfig<LogTableProjectScanRule> CONFIG = RuleConfig.of(LogTableProjectScanRule::new)
        .withOperandSupplier(b -> b.operand(LogicalProject.class)
            .oneInput(s -> s.operand(LogTableScan.class).noInputs()))
        .withDescription("LogTableProjectScanRule");

    private LogTableProjectScanRule(RuleConfig<LogTableProjectScanRule> config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        RelNode pushed = pushProject(call.rel(0), call.rel(1), false);
        if (pushed != null) {
            call.transformTo(pushed);
        }
    }

    /**
     * {@code project} over {@code scan} narrowed and its JSON computed by the scan, with {@code CAST(JSON_VALUE(..) AS
     * DECIMAL)} computed too if {@code cacheCasts} ({@link LogTableAggregateProjectScanRule} says when that is safe);
     * {@code null} if nothing changes.
     */
    static RelNode pushProject(LogicalProject project, LogTableScan scan, boolean cacheCasts) {
        if (scan.fields != null) {
            return null;
        }
        int width = scan.getRowType().getFieldCount();
        RexBuilder rex = project.getCluster().getRexBuilder();
        List<JsonExtracts.Extract> extracts = new ArrayList<>();
        RexShuttle computed = new RexShuttle() {
            /** The column of {@code x}, after the table's. */
            private RexNode ref(JsonExtracts.Extract x) {
                if (!extracts.contains(x)) {
                    extracts.add(x);
                }
                return new RexInputRef(width + extracts.indexOf(x), x.type());
            }

            @Override
            public RexNode visitCall(RexCall c) {
                JsonExtracts.Extract x = JsonExtracts.extractOf(c, scan);
                if (x != null) {
                    return ref(x);
                }
                JsonExtracts.Extract text = c.getOperands().size() == 1 && c.getOperands().get(0) instanceof RexCall in
                    ? JsonExtracts.extractOf(in, scan) : null;
                JsonExtracts.Extract cast = text == null || !cacheCasts ? null : JsonExtracts.castOf(c, text);
                if (cast == null) {
                    return super.visitCall(c);
                }
                // the scan's cast is a cache: where it is NULL, the statement casts (and fails) as before
                RexNode cached = ref(cast);
                RexNode again = c.clone(c.getType(), List.of(ref(text)));
                return rex.makeCall(c.getType(), SqlStdOperatorTable.CASE,
                    List.of(rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, cached), cached,
                        again));
            }
        };
        List<RexNode> exprs = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
            exprs.add(e.accept(computed));
        }
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(exprs, null).intersect(ImmutableBitSet.range(width));
        int[] newPosition;
        int[] columns;
        if (extracts.isEmpty()) {
            newPosition = ColumnNarrowing.of(scan, used);
            if (newPosition == null) {
                return null;
            }
            columns = ColumnNarrowing.columnsOf(newPosition);
        } else {
            columns = used.toArray(); // may be none: the computed columns are the row
            newPosition = new int[width + extracts.size()];
            Arrays.fill(newPosition, -1);
            for (int i = 0; i < columns.length; i++) {
                newPosition[columns[i]] = i;
            }
            for (int k = 0; k < extracts.size(); k++) {
                newPosition[width + k] = columns.length + k;
            }
        }
        LogTableScan narrow = scan.withFields(ImmutableIntList.of(columns), extracts);
        RexShuttle remap = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(newPosition[ref.getIndex()], ref.getType());
            }
        };
        List<RexNode> remapped = new ArrayList<>();
        for (RexNode e : exprs) {
            remapped.add(e.accept(remap));
        }
        return project.copy(project.getTraitSet(), narrow, remapped, project.getRowType());
    }
}
