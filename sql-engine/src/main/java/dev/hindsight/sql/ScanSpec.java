package dev.hindsight.sql;

import java.math.RoundingMode;
import java.util.List;

/**
 * What a scan of a log table was planned with, fixed at planning time: the columns it reads, its order, which
 * filters were pushed, the JSON prefilter and the JSON computed by the scan. Built by {@link EnumerableLogTableScan}
 * and handed to the generated code with {@code EnumerableRelImplementor.stash}; the values of the pushed expressions,
 * which may be {@code ?} parameters, come separately at each execution ({@link LogTable#scan}). Immutable.
 */
public final class ScanSpec {

    /** The order of the pushed values {@link LogTable#scan} receives. */
    static final int STREAM_ID = 0;
    static final int SEQ_LO = 1;
    static final int SEQ_HI = 2;
    static final int NAME = 3;
    static final int TS_LO = 4;
    static final int TS_HI = 5;
    static final int AS_OF_TS = 6;
    static final int AS_OF_SEQ = 7;
    /** The first six are filters: one that was pushed but evaluates to NULL matches nothing. */
    static final int FILTERS = 6;

    final int[] fields;
    final boolean descending;
    final int pushedFilters;
    /** The JSON prefilter, or {@code null}; immutable, so one serves every execution. */
    final JsonPrefilter prefilter;
    /** The JSON computed by the scan (paths compiled once, here), or {@code null}; immutable. */
    final JsonExtracts extracts;

    /**
     * @param fields        the table columns each row holds, in that order; {@code null} for all
     * @param pushedFilters bit i set if the i-th of {@code streamId, seqLo, seqHi, name, tsLo, tsHi, asOfTs,
     *                      asOfSeq} was pushed
     * @param roundingMode  the type system's, for the DECIMAL casts of {@code extracts}
     */
    ScanSpec(int[] fields, boolean descending, int pushedFilters, List<JsonPrefilter.Needle> needles,
             List<JsonExtracts.Extract> extracts, RoundingMode roundingMode) {
        this.fields = fields;
        this.descending = descending;
        this.pushedFilters = pushedFilters;
        this.prefilter = needles.isEmpty() ? null : JsonPrefilter.of(
            needles.stream().mapToInt(JsonPrefilter.Needle::column).toArray(),
            needles.stream().map(JsonPrefilter.Needle::text).toArray(String[]::new));
        this.extracts = extracts.isEmpty() ? null : JsonExtracts.of(
            extracts.stream().mapToInt(JsonExtracts.Extract::column).toArray(),
            extracts.stream().map(JsonExtracts.Extract::path).toArray(String[]::new),
            extracts.stream().mapToInt(x -> x.decimal() ? x.type().getPrecision() : -1).toArray(),
            extracts.stream().mapToInt(x -> x.decimal() ? x.type().getScale() : -1).toArray(),
            roundingMode);
    }

    /** Whether the value at {@code index} (a filter, or an AS OF) was pushed. */
    boolean pushed(int index) {
        return (pushedFilters & 1 << index) != 0;
    }
}
