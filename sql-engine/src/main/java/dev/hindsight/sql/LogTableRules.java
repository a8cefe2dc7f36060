package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;

/**
 * The planner rules of the log tables, which {@link LogTableScan#register} adds to every planner that meets a log
 * table. In order:
 * <ul>
 *   <li>{@link LogTableSnapshotScanRule}: {@code Snapshot(LogTableScan)} → the scan with its AS OF point;</li>
 *   <li>{@link LogTableSnapshotProjectTransposeRule}: {@code Snapshot(Project(x))} → {@code Project(Snapshot(x))};</li>
 *   <li>{@link LogTableFilterScanRule}: {@code stream_id}, {@code seq}, {@code name} and {@code ts} conditions into
 *       the scan, the rest left in a residual filter;</li>
 *   <li>{@link LogTableProjectScanRule}, {@link LogTableAggregateProjectScanRule}, {@link LogTableAggregateScanRule}:
 *       a scan of only the columns its parent uses, computing the JSON values it can;</li>
 *   <li>{@link LogTableSortDescScanRule}: {@code ORDER BY seq DESC} as a scan that reads backwards, behind a filter
 *       too;</li>
 *   <li>{@link LogTableScanToEnumerableRule}: the logical scan to its physical twin.</li>
 * </ul>
 * Each rule's description is its class name, which planner traces and rule-set exclusions name it by.
 */
final class LogTableRules {

    /** The rules, one instance each: a planner tells rules apart by their descriptions. */
    static final List<RelOptRule> ALL = List.of(
        LogTableSnapshotScanRule.CONFIG.toRule(),
        LogTableSnapshotProjectTransposeRule.CONFIG.toRule(),
        LogTableFilterScanRule.CONFIG.toRule(),
        LogTableProjectScanRule.CONFIG.toRule(),
        LogTableAggregateProjectScanRule.CONFIG.toRule(),
        LogTableAggregateScanRule.CONFIG.toRule(),
        LogTableSortDescScanRule.CONFIG.toRule(),
        LogTableSortDescScanRule.FILTERED.toRule(),
        LogTableScanToEnumerableRule.CONFIG.toRule());

    private LogTableRules() {
    }

    /**
     * Adds {@link #ALL} to {@code planner} (a rule it already has is kept, not added twice), and takes out Calcite's
     * {@code ProjectWindowTransposeRule}: over a scan ordered by {@code seq}, the project it pushes below a window
     * keeps the collation of the project above, of other columns ({@code SELECT ROW_NUMBER() OVER (ORDER BY seq), seq
     * FROM events WHERE seq > 2} asked a one-column input for an order on its second column, and failed to plan with
     * an internal error). The window's input is narrowed to the columns it uses without it. Calcite's enumerable
     * window rule makes way for {@link UnorderedWindowRule}.
     */
    static void register(RelOptPlanner planner) {
        ALL.forEach(planner::addRule);
        planner.removeRule(CoreRules.PROJECT_WINDOW_TRANSPOSE);
        if (planner.removeRule(EnumerableRules.ENUMERABLE_WINDOW_RULE)) {
            planner.addRule(UnorderedWindowRule.CONFIG.toRule());
        }
    }
}
