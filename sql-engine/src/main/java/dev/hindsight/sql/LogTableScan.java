package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableIntList;

/**
 * The logical scan of a {@link LogTable}, carrying what the planner pushed into it: {@code stream_id = x},
 * {@code seq} bounds, {@code name = x}, {@code ts} bounds (turned into seq bounds by the time index) and the
 * {@code AS OF} point. Each may be {@code null} (not pushed). Logical
 * ({@code Convention.NONE}) on purpose: the planner's transformation rules only see it there;
 * {@link LogTableScanToEnumerableRule} makes it physical.
 */
final class LogTableScan extends TableScan {

    final LogTable logTable;
    final RexNode streamId;
    final RexNode seqLo;
    final RexNode seqHi;
    final RexNode name;
    final RexNode tsLo;
    final RexNode tsHi;
    final RexNode asOfTs;
    final RexNode asOfSeq;
    /** The table columns this scan produces, in order; {@code null} for all of them. */
    final ImmutableIntList fields;
    /** Whether rows come in descending seq order (for {@code ORDER BY seq DESC}), reading the log backwards. */
    final boolean descending;
    /** Byte strings an event's JSON must contain to be worth decoding ({@link JsonPrefilter}); empty for none. */
    final List<JsonPrefilter.Needle> needles;
    /** JSON_VALUE columns the scan computes, after {@link #fields} ({@link JsonExtracts}); empty for none. */
    final List<JsonExtracts.Extract> extracts;

    LogTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, LogTable logTable, RexNode streamId,
                 RexNode seqLo, RexNode seqHi, RexNode name, RexNode tsLo, RexNode tsHi, RexNode asOfTs,
                 RexNode asOfSeq, ImmutableIntList fields, boolean descending, List<JsonPrefilter.Needle> needles,
                 List<JsonExtracts.Extract> extracts) {
        super(cluster, traits, List.of(), table);
        this.needles = needles;
        this.extracts = extracts;
        this.fields = fields;
        this.descending = descending;
        this.logTable = logTable;
        this.streamId = streamId;
        this.seqLo = seqLo;
        this.seqHi = seqHi;
        this.name = name;
        this.tsLo = tsLo;
        this.tsHi = tsHi;
        this.asOfTs = asOfTs;
        this.asOfSeq = asOfSeq;
    }

    static LogTableScan create(RelOptCluster cluster, RelOptTable table, LogTable logTable) {
        return new LogTableScan(cluster, cluster.traitSetOf(Convention.NONE), table, logTable, null, null, null, null,
            null, null, null, null, null, false, List.of(), List.of()).withTraits(); // ordered by seq, if it has one
    }

    LogTableScan withFilter(RexNode newStreamId, RexNode newSeqLo, RexNode newSeqHi, RexNode newName,
                            RexNode newTsLo, RexNode newTsHi) {
        return new LogTableScan(getCluster(), getTraitSet(), getTable(), logTable, newStreamId, newSeqLo, newSeqHi,
            newName, newTsLo, newTsHi, asOfTs, asOfSeq, fields, descending, needles, extracts);
    }

    LogTableScan withAsOf(RexNode ts, RexNode seq) {
        return new LogTableScan(getCluster(), getTraitSet(), getTable(), logTable, streamId, seqLo, seqHi, name, tsLo,
            tsHi, ts, seq, fields, descending, needles, extracts);
    }

    /** This scan producing only {@code columns} of the table (ascending); the seq collation only if seq is kept. */
    LogTableScan withFields(ImmutableIntList columns) {
        return withFields(columns, extracts);
    }

    /** {@link #withFields(ImmutableIntList)}, followed by the JSON_VALUE columns {@code computed}. */
    LogTableScan withFields(ImmutableIntList columns, List<JsonExtracts.Extract> computed) {
        LogTableScan narrow = new LogTableScan(getCluster(), getTraitSet(), getTable(), logTable, streamId, seqLo,
            seqHi, name, tsLo, tsHi, asOfTs, asOfSeq, columns, descending, needles, computed);
        return narrow.withTraits();
    }

    /** This scan also skipping events whose JSON cannot contain {@code more}. */
    LogTableScan withNeedles(List<JsonPrefilter.Needle> more) {
        List<JsonPrefilter.Needle> all = new ArrayList<>(needles);
        all.addAll(more);
        return new LogTableScan(getCluster(), getTraitSet(), getTable(), logTable, streamId, seqLo, seqHi, name, tsLo,
            tsHi, asOfTs, asOfSeq, fields, descending, List.copyOf(all), extracts);
    }

    /**
     * This scan with {@code shuttle} run over each value pushed into it; this one if none changed. For the rewrites
     * after the optimisation ({@link CalcRewrite}): a bound computed from constants ({@code ts >= ? - INTERVAL '1'
     * MONTH}) must be computed as the filter that stays computes it, or the scan skips rows the filter keeps.
     */
    LogTableScan withPushed(RexShuttle shuttle) {
        RexNode[] before = {streamId, seqLo, seqHi, name, tsLo, tsHi, asOfTs, asOfSeq};
        RexNode[] after = new RexNode[before.length];
        boolean changed = false;
        for (int i = 0; i < before.length; i++) {
            after[i] = before[i] == null ? null : before[i].accept(shuttle);
            changed |= !Objects.equals(after[i], before[i]);
        }
        return !changed ? this : new LogTableScan(getCluster(), getTraitSet(), getTable(), logTable, after[0],
            after[1], after[2], after[3], after[4], after[5], after[6], after[7], fields, descending, needles,
            extracts);
    }

    /** This scan reading the log backwards: rows in descending seq order. */
    LogTableScan withDescending() {
        return new LogTableScan(getCluster(), getTraitSet(), getTable(), logTable, streamId, seqLo, seqHi, name, tsLo,
            tsHi, asOfTs, asOfSeq, fields, true, needles, extracts).withTraits();
    }

    /** The position of seq in this scan's rows, or -1. */
    int seqField() {
        if (logTable.seqColumn() < 0) {
            return -1;
        }
        return fields == null ? logTable.seqColumn() : fields.indexOf(logTable.seqColumn());
    }

    /** This scan with the collation its fields and direction give it. */
    private LogTableScan withTraits() {
        int seqAt = seqField();
        RelTraitSet traits = getTraitSet().replace(seqAt < 0 ? RelCollations.EMPTY
            : RelCollations.of(new RelFieldCollation(seqAt, descending
                ? RelFieldCollation.Direction.DESCENDING
                : RelFieldCollation.Direction.ASCENDING)));
        return new LogTableScan(getCluster(), traits, getTable(), logTable, streamId, seqLo, seqHi, name, tsLo, tsHi,
            asOfTs, asOfSeq, fields, descending, needles, extracts);
    }

    /** The table column behind field {@code i} of this scan's rows; -1 for a computed JSON_VALUE column. */
    int tableColumn(int i) {
        return fields == null ? i : i < fields.size() ? fields.get(i) : -1;
    }

    @Override
    public RelDataType deriveRowType() {
        RelDataType projected = projectedRowType(table.getRowType(), fields, getCluster().getTypeFactory());
        if (extracts.isEmpty()) {
            return projected;
        }
        RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder().addAll(projected.getFieldList());
        for (int i = 0; i < extracts.size(); i++) {
            b.add("$json" + i, extracts.get(i).type());
        }
        return b.build();
    }

    static RelDataType projectedRowType(RelDataType full, ImmutableIntList fields, RelDataTypeFactory typeFactory) {
        if (fields == null) {
            return full;
        }
        RelDataTypeFactory.Builder b = typeFactory.builder();
        for (int f : fields) {
            b.add(full.getFieldList().get(f));
        }
        return b.build();
    }

    boolean hasAsOf() {
        return asOfTs != null || asOfSeq != null;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new LogTableScan(getCluster(), traitSet, getTable(), logTable, streamId, seqLo, seqHi, name, tsLo, tsHi,
            asOfTs, asOfSeq, fields, descending, needles, extracts);
    }

    @Override
    public void register(RelOptPlanner planner) {
        LogTableRules.register(planner);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return explainPushed(super.explainTerms(pw), this);
    }

    static RelWriter explainPushed(RelWriter pw, LogTableScan s) {
        return pw.itemIf("fields", s.fields, s.fields != null)
            .itemIf("streamId", s.streamId, s.streamId != null)
            .itemIf("seqLo", s.seqLo, s.seqLo != null)
            .itemIf("seqHi", s.seqHi, s.seqHi != null)
            .itemIf("name", s.name, s.name != null)
            .itemIf("tsLo", s.tsLo, s.tsLo != null)
            .itemIf("tsHi", s.tsHi, s.tsHi != null)
            .itemIf("asOfTs", s.asOfTs, s.asOfTs != null)
            .itemIf("asOfSeq", s.asOfSeq, s.asOfSeq != null)
            .itemIf("descending", true, s.descending)
            .itemIf("contains", s.needles, !s.needles.isEmpty())
            .itemIf("json", s.extracts, !s.extracts.isEmpty());
    }

    /** What a row costs relative to a full one: a scan that decodes fewer columns must win over one that does not. */
    double columnCostFactor() {
        int width = table.getRowType().getFieldCount();
        // reading backwards costs a little more, so that a scan without an order to meet reads forwards
        // a computed JSON column counts less than a decoded one, so that computing it in the scan wins over a
        // project above: the document is decoded either way, and the scan may do it on another core; a cached cast
        // counts as a saving, since the statement's thread then skips the cast (Calcite's code casts twice a row)
        long casts = extracts.stream().filter(JsonExtracts.Extract::decimal).count();
        double columns = fields == null ? width : fields.size() + 0.25 * (extracts.size() - casts) - 0.2 * casts;
        return (columns + 2.0) / (width + 2.0) * (descending ? 1.01 : 1.0);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        RelOptCost cost = super.computeSelfCost(planner, mq);
        return cost == null ? null : cost.multiplyBy(columnCostFactor());
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
        if (!needles.isEmpty()) {
            rows /= 2; // the filter above does the selecting; this only has to win over the scan without needles
        }
        if (tsLo != null || tsHi != null) {
            rows /= 4;
        }
        return Math.max(rows, 1);
    }
}
