package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTableQueryable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A table derived from the log ({@code events}, {@code streams}): read through {@link LogTableScan}, whose rules push
 * {@code stream_id = ?}, {@code seq} ranges, {@code name = ?} and {@code AS OF} into {@link #scan}.
 *
 * <p>Every table read by one statement sees the same prefix of the log: the head (or the as-of point) is resolved once
 * per execution. Public only because Calcite's generated code calls {@link #scan}; not an API.
 */
public abstract class LogTable extends AbstractQueryableTable implements TranslatableTable, TemporalTable {

    /** The head each running statement reads up to, keyed by its execution context; see {@link #bound}. */
    private static final Map<DataContext, Long> STATEMENT_HEADS = Collections.synchronizedMap(new WeakHashMap<>());

    final SqlSession session;

    LogTable(SqlSession session) {
        super(Object[].class);
        this.session = session;
    }

    /** Column of {@code stream_id}, or -1. */
    abstract int streamIdColumn();

    /** Column of {@code seq}, or -1 (then seq bounds are not pushed). */
    abstract int seqColumn();

    /** Column of {@code name}, or -1. */
    abstract int nameColumn();

    /** Column of {@code ts}, or -1 (then ts bounds are not pushed). */
    int tsColumn() {
        return -1;
    }

    /**
     * The rows of the scan, reading the log up to {@code bound}; each row holds the table columns {@code fields}
     * in that order, or all columns if {@code fields} is {@code null}; in descending seq order if
     * {@code descending} (asked only of tables with a seq column). {@code root} is {@code null} for a one-stream read
     * by {@link ScanFastPath}; other scans use it for the cancel flag.
     */
    abstract Enumerable<Object[]> rows(@Nullable DataContext root, ScanRequest request, long bound, int[] fields,
                                       boolean descending);

    /**
     * Called by generated code: a scan planned as {@code spec}, with the values of its pushed-down expressions in the
     * order of {@link ScanSpec#STREAM_ID} .. {@link ScanSpec#AS_OF_SEQ} ({@code null} where nothing was pushed; a
     * pushed filter whose value is {@code NULL} matches nothing).
     */
    public final Enumerable<Object[]> scan(DataContext root, ScanSpec spec, Object[] pushed) {
        for (int i = 0; i < ScanSpec.FILTERS; i++) {
            if (spec.pushed(i) && pushed[i] == null) {
                return Linq4j.emptyEnumerable(); // a comparison with NULL is never true
            }
        }
        for (int i = ScanSpec.AS_OF_TS; i <= ScanSpec.AS_OF_SEQ; i++) {
            if (spec.pushed(i) && pushed[i] == null) {
                // it read as no AS OF at all: the present (or the session's point), a NULL quietly taken for "now"
                throw SqlErrors.of(SqlErrors.NULL_VALUE_NOT_ALLOWED, "AS OF " + (i == ScanSpec.AS_OF_SEQ ? "SEQUENCE"
                    : "TIMESTAMP") + " is NULL: name a point of the log (a seq, a time), or leave AS OF out");
            }
        }
        long lo = toLong(pushed[ScanSpec.SEQ_LO], 1);
        long hi = toLong(pushed[ScanSpec.SEQ_HI], Long.MAX_VALUE);
        // ts bounds become seq bounds through the time index: ts never decreases in seq order
        Object tsHi = pushed[ScanSpec.TS_HI];
        if (tsHi != null) {
            hi = Math.min(hi, session.log().seqAtOrBefore(((Number) tsHi).longValue()));
        }
        Object tsLo = pushed[ScanSpec.TS_LO];
        if (tsLo != null) {
            lo = Math.max(lo, session.log().seqAtOrBefore(((Number) tsLo).longValue() - 1) + 1);
        }
        ScanRequest request = new ScanRequest((String) pushed[ScanSpec.STREAM_ID], lo, hi,
            (String) pushed[ScanSpec.NAME], spec.prefilter, spec.extracts);
        long bound = bound(() -> STATEMENT_HEADS.computeIfAbsent(root, r -> session.log().headSeq()),
            pushed[ScanSpec.AS_OF_TS], pushed[ScanSpec.AS_OF_SEQ]);
        // looked at as the statement takes the rows too, not only as the scan reads them (StopCheckedRows)
        return StopCheckedRows.of(rows(root, request, bound, spec.fields, spec.descending),
            StatementStop.of(root, session.statementTimeout()));
    }

    /**
     * {@link #scan} of one stream for a statement that reads nothing else ({@link ScanFastPath}): the statement's
     * head is the log's head now, and no execution context is needed.
     */
    final Enumerable<Object[]> scanStream(String streamId, Object seqLo, Object seqHi, Object name, Object asOfTs,
                                          Object asOfSeq, int[] fields, boolean descending) {
        ScanRequest request = new ScanRequest(streamId, toLong(seqLo, 1), toLong(seqHi, Long.MAX_VALUE),
            (String) name, null, null);
        return rows(null, request, bound(session.log()::headSeq, asOfTs, asOfSeq), fields, descending);
    }

    /** {@link #scan} of a single column, as the values themselves: how Calcite passes one-column rows. */
    public final Enumerable<Object> scanScalar(DataContext root, ScanSpec spec, Object[] pushed) {
        return scan(root, spec, pushed).select(row -> row[0]);
    }

    /** Row {@code full} cut down to {@code fields} (all of it if {@code fields} is null). */
    static Object[] project(Object[] full, int[] fields) {
        if (fields == null) {
            return full;
        }
        Object[] out = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = full[fields[i]];
        }
        return out;
    }

    /**
     * Appends the rows of one {@code INSERT}; only {@code events} accepts them. Called by generated code (through
     * this public type, since the tables themselves are package-private).
     *
     * @return the number of events appended
     */
    public long insert(DataContext root, Enumerable<Object[]> rows) {
        throw SqlErrors.appendOnly("INSERT into a derived table");
    }

    /**
     * The last seq a scan in this statement may read: its own AS OF, else the session's, else the statement's head.
     * A time the clock has passed resolves to a final seq ({@link dev.hindsight.log.EventLog#seqAtOrBefore} waits for
     * appends in flight that it covers), which the statement's head, taken by an earlier scan, must not cut: in
     * {@code SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM events AS OF TIMESTAMP t)} it cut them off
     * again. Any other point is cut to the head, so that every scan of the statement sees one log.
     */
    private long bound(LongSupplier head, Object asOfTs, Object asOfSeq) {
        if (asOfSeq != null) {
            long seq = ((Number) asOfSeq).longValue();
            if (seq < 0) { // a parameter's: a literal's is refused as it is parsed (AsOfSequenceFunction)
                throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "AS OF SEQUENCE takes a log position, a whole "
                    + "number of 0 or more, was " + seq);
            }
            return Math.min(head.getAsLong(), seq);
        }
        if (asOfTs != null) {
            long t = ((Number) asOfTs).longValue();
            boolean passed = AsOf.passed(t); // before the lookup: one passed after it may miss a batch
            long seq = session.log().seqAtOrBefore(t);
            return passed ? seq : Math.min(head.getAsLong(), seq);
        }
        AsOf sessionPoint = session.asOf();
        if (sessionPoint == null) {
            return head.getAsLong();
        }
        boolean passed = sessionPoint.passed();
        long seq = sessionPoint.resolve(session.log());
        return passed ? seq : Math.min(head.getAsLong(), seq);
    }

    private static long toLong(Object value, long absent) {
        return value == null ? absent : ((Number) value).longValue();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return LogTableScan.create(context.getCluster(), relOptTable, this);
    }

    @Override
    public String getSysStartFieldName() {
        return "ts"; // a marker for Calcite's validator; time travel goes through the log, not a column
    }

    @Override
    public String getSysEndFieldName() {
        return "ts";
    }

    @Override
    public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
        return new AbstractTableQueryable<T>(queryProvider, schema, this, tableName) {
            @Override
            public Enumerator<T> enumerator() {
                throw new UnsupportedOperationException("log tables are read through LogTableScan");
            }
        };
    }

    @Override
    public Type getElementType() {
        return Object[].class;
    }
}
