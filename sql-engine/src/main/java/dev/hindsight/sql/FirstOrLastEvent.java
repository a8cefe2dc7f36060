package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/**
 * {@code MAX} (or {@code MIN}) of {@code seq} and {@code ts} over {@code events} computed from the last (or first)
 * event the scan reads only. The log's order is {@code seq}'s and {@code ts} is non-decreasing in it (SPEC §1), so of
 * any events a scan lets through, the one with the highest seq holds both maxima, the lowest both minima.
 * {@code SELECT MAX(seq) FROM events}, a catch-up reader's question, read the whole log (about a second over 2
 * million events); now the scan reads backwards and stops at its first event ({@link LogTableSortDescScanRule}), or
 * forwards and stops at its first, within its bounds and filters ({@code stream_id = ?}, {@code AS OF}, {@code seq}
 * and {@code ts} ranges, any other condition):
 *
 * <pre>
 *   Aggregate(MAX($0), MAX($1))          Aggregate(MAX($0), MAX($1))
 *     Project(seq, ts)              →      Project(seq, ts)
 *       Filter(…)                            Sort(seq DESC, fetch 1)
 *         LogTableScan(events)                 Filter(…)
 *                                                LogTableScan(events)
 * </pre>
 *
 * <p>A step before the optimisation ({@link #PROGRAM}), not a planner rule: the sort with a limit costs the planner
 * what the scan under it costs (a scan's cost does not know it stops early), so a rule's plan never won. Left as they
 * are: a mix of {@code MIN} and {@code MAX}, another aggregate beside them, {@code DISTINCT} or {@code FILTER}, a
 * grouping, an argument computed from the columns, and a condition that refers to an outer query (a correlated
 * sub-query, whose limit Calcite's decorrelation does not take).
 */
final class FirstOrLastEvent {

    /** The step: every such aggregate of the plan, sub-queries' included, given its sort; stateless. */
    static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
        rel.accept(new EveryNode(FirstOrLastEvent::rewritten));

    private FirstOrLastEvent() {
    }

    private static RelNode rewritten(RelNode node) {
        if (!(node instanceof LogicalAggregate aggregate) || !aggregate.getGroupSet().isEmpty()
            || aggregate.getAggCallList().isEmpty()) {
            return node;
        }
        SqlKind kind = null;
        List<Integer> args = new ArrayList<>();
        for (AggregateCall c : aggregate.getAggCallList()) {
            SqlKind k = c.getAggregation().getKind();
            if ((k != SqlKind.MAX && k != SqlKind.MIN) || (kind != null && k != kind) || c.isDistinct()
                || c.filterArg >= 0 || c.getArgList().size() != 1) {
                return node;
            }
            kind = k;
            args.add(c.getArgList().get(0));
        }
        List<LogicalProject> projects = new ArrayList<>(); // from the aggregate down
        RelNode below = aggregate.getInput();
        while (below instanceof LogicalProject project) {
            for (int i = 0; i < args.size(); i++) {
                if (!(project.getProjects().get(args.get(i)) instanceof RexInputRef ref)) {
                    return node;
                }
                args.set(i, ref.getIndex());
            }
            projects.add(project);
            below = project.getInput();
        }
        // below the aggregate's columns: filters, AS OF, and columns the filters read
        ScanRows chain = ScanRows.under(below);
        if (chain == null || chain.scan().seqField() < 0 || !args.stream().allMatch(a -> seqOrTs(chain, a))) {
            return node;
        }
        LogTableScan scan = chain.scan();
        Carried ordered = withSeq(below, scan); // seq up to the sort, a column more if a project dropped it
        RelFieldCollation.Direction direction = kind == SqlKind.MAX ? RelFieldCollation.Direction.DESCENDING
            : RelFieldCollation.Direction.ASCENDING;
        RelNode input = LogicalSort.create(ordered.node(), RelCollations.of(new RelFieldCollation(ordered.seq(),
            direction)), null, scan.getCluster().getRexBuilder().makeExactLiteral(BigDecimal.ONE));
        for (int i = projects.size() - 1; i >= 0; i--) {
            LogicalProject project = projects.get(i);
            input = project.copy(project.getTraitSet(), List.of(input));
        }
        return aggregate.copy(aggregate.getTraitSet(), List.of(input));
    }

    /** A chain of filters, AS OF and column-only projects over a scan, and where its rows carry {@code seq}. */
    private record Carried(RelNode node, int seq) {
    }

    /**
     * {@code node}, a chain of filters, AS OF and column-only projects down to {@code scan}, with {@code seq} carried
     * up to its rows: a project that drops it ({@code MAX(ts) … WHERE entity_type = 'order'} keeps only {@code ts} and
     * {@code entity_type}) gets it as a last column, which no field above refers to; the rest of the chain is copied
     * over the new input, its fields where they were.
     */
    private static Carried withSeq(RelNode node, LogTableScan scan) {
        if (node == scan) {
            return new Carried(scan, scan.seqField());
        }
        RelNode input = node.getInput(0);
        Carried below = withSeq(input, scan);
        if (node instanceof LogicalProject project) {
            int at = ScanRows.positionOf(project, below.seq());
            if (at >= 0 && below.node() == input) {
                return new Carried(project, at);
            }
            List<RexNode> columns = new ArrayList<>(project.getProjects());
            List<String> names = new ArrayList<>(project.getRowType().getFieldNames());
            if (at < 0) {
                at = columns.size();
                columns.add(RexInputRef.of(below.seq(), below.node().getRowType()));
                String name = "seq";
                while (names.contains(name)) {
                    name = name + "_";
                }
                names.add(name);
            }
            return new Carried(LogicalProject.create(below.node(), project.getHints(), columns, names,
                project.getVariablesSet()), at);
        }
        // a filter or an AS OF: the rows of its input, a column more if a project below carries seq now
        return new Carried(below.node() == input ? node : node.copy(node.getTraitSet(), List.of(below.node())),
            below.seq());
    }

    private static boolean seqOrTs(ScanRows chain, int field) {
        int column = chain.columnOf(field);
        LogTable table = chain.scan().logTable;
        return column >= 0 && (column == table.seqColumn() || column == table.tsColumn());
    }
}
