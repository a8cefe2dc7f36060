package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * The logical scan of a {@link LogTable}, carrying what the planner pushed into it: {@code stream_id = x},
 * {@code seq} bounds, {@code name = x} and the {@code AS OF} point. Each may be {@code null} (not pushed). Logical
 * ({@code Convention.NONE}) on purpose: the planner's transformation rules only see it there;
 * {@link LogTableRules#TO_ENUMERABLE} makes it physical.
 */
final class LogTableScan extends TableScan {

    final LogTable logTable;
    final RexNode streamId;
    final RexNode seqLo;
    final RexNode seqHi;
    final RexNode name;
    final RexNode asOfTs;
    final RexNode asOfSeq;

    LogTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, LogTable logTable, RexNode streamId,
                 RexNode seqLo, RexNode seqHi, RexNode name, RexNode asOfTs, RexNode asOfSeq) {
        super(cluster, traits, List.of(), table);
        this.logTable = logTable;
        this.streamId = streamId;
        this.seqLo = seqLo;
        this.seqHi = seqHi;
        this.name = name;
        this.asOfTs = asOfTs;
        this.asOfSeq = asOfSeq;
    }

    static LogTableScan create(RelOptCluster cluster, RelOptTable table, LogTable logTable) {
        RelTraitSet traits = cluster.traitSetOf(Convention.NONE)
            .replaceIfs(RelCollationTraitDef.INSTANCE, table::getCollationList);
        return new LogTableScan(cluster, traits, table, logTable, null, null, null, null, null, null);
    }

    LogTableScan withFilter(RexNode newStreamId, RexNode newSeqLo, RexNode newSeqHi, RexNode newName) {
        return new LogTableScan(getCluster(), getTraitSet(), getTable(), logTable, newStreamId, newSeqLo, newSeqHi,
            newName, asOfTs, asOfSeq);
    }

    LogTableScan withAsOf(RexNode ts, RexNode seq) {
        return new LogTableScan(getCluster(), getTraitSet(), getTable(), logTable, streamId, seqLo, seqHi, name, ts,
            seq);
    }

    boolean hasAsOf() {
        return asOfTs != null || asOfSeq != null;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new LogTableScan(getCluster(), traitSet, getTable(), logTable, streamId, seqLo, seqHi, name, asOfTs,
            asOfSeq);
    }

    @Override
    public void register(RelOptPlanner planner) {
        LogTableRules.register(planner);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return explainPushed(super.explainTerms(pw), streamId, seqLo, seqHi, name, asOfTs, asOfSeq);
    }

    static RelWriter explainPushed(RelWriter pw, RexNode streamId, RexNode seqLo, RexNode seqHi, RexNode name,
                                   RexNode asOfTs, RexNode asOfSeq) {
        return pw.itemIf("streamId", streamId, streamId != null)
            .itemIf("seqLo", seqLo, seqLo != null)
            .itemIf("seqHi", seqHi, seqHi != null)
            .itemIf("name", name, name != null)
            .itemIf("asOfTs", asOfTs, asOfTs != null)
            .itemIf("asOfSeq", asOfSeq, asOfSeq != null);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double rows = super.estimateRowCount(mq);
        if (streamId != null) {
            rows = Math.min(rows, 20);
        }
        if (seqLo != null || seqHi != null) {
            rows /= 4;
        }
        if (name != null) {
            rows /= 10;
        }
        return Math.max(rows, 1);
    }
}
