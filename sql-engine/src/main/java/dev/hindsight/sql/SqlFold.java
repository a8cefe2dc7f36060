package dev.hindsight.sql;

import dev.hindsight.projection.Fold;
import dev.hindsight.projection.ProjectionColumn;
import dev.hindsight.projection.ProjectionEvent;
import dev.hindsight.projection.StateCodec;
import dev.hindsight.projection.Values;
import dev.hindsight.sql.jdbc.SqlErrors;
import dev.hindsight.sql.json.JsonValueFunction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A {@code CREATE PROJECTION} compiled ({@link ProjectionCompiler}): Calcite's generated code evaluates the
 * {@code WHERE} and then the group keys and aggregate arguments of each event; {@link Accumulator}s fold them into
 * the group's state (an array of results, copied on write because every state is kept for {@code AS OF}; the history
 * keeps it packed as longs, {@link PackedStates}); a group's row is its keys and results, through the definition's
 * outer {@code SELECT} expressions if it has any. A catch-up prepares events on worker threads ({@link #staged}).
 */
final class SqlFold implements Fold {

    /** The compiled definition. */
    record Plan(String name, String definition, RelDataType rowType, List<ProjectionColumn> columns,
                List<String> primaryKey, Set<String> eventNames, ImmutableBitSet fields, ImmutableBitSet direct,
                int width, List<JsonValueFunction> extracts, List<String> extractPaths, List<Integer> extractDocs,
                List<Integer> extractPrecisions, List<Integer> extractScales, ImmutableBitSet fallbackTexts,
                Function1<DataContext, Object[]> filter,
                Function1<DataContext, Object[]> values, int keys,
                List<Accumulator> accumulators, Function1<DataContext, Object[]> output,
                Function1<DataContext, Object[]> having) {
    }

    private final Plan plan;
    private final Accumulator[] accumulators;
    private final int[] fields;
    private final JsonValueFunction[] extracts;
    private final int[] extractDocs;
    private final int[] precisions;
    private final int[] scales;

    SqlFold(Plan plan) {
        this.plan = plan;
        this.fields = plan.fields().toArray();
        this.extracts = plan.extracts().toArray(new JsonValueFunction[0]);
        this.extractDocs = plan.extractDocs().stream().mapToInt(Integer::intValue).toArray();
        this.accumulators = plan.accumulators().toArray(new Accumulator[0]);
        this.precisions = plan.extractPrecisions().stream().mapToInt(Integer::intValue).toArray();
        this.scales = plan.extractScales().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The table's row type as the definition's {@code SELECT} gives it. */
    RelDataType rowType() {
        return plan.rowType();
    }

    /** The text it was created from. */
    String definition() {
        return plan.definition();
    }

    @Override
    public String name() {
        return plan.name();
    }

    /**
     * The definition, the column types it compiles to and the engine's {@link #SEMANTICS}: a snapshot written when
     * the same text gave other types (a {@code SUM} of INTEGERs was an INTEGER before
     * {@code HindsightTypeSystem.deriveSumType}) or other values holds state of the old meaning, and is not loaded;
     * the projection is rebuilt from the log instead.
     */
    @Override
    public String fingerprint() {
        return "sql:" + SEMANTICS + ":" + plan.definition() + "\n" + plan.rowType().getFullTypeString();
    }

    /**
     * Raised whenever the same definition comes to compute other values with the same types, so that projections
     * folded before are rebuilt: 2 since {@code EXTRACT(DOW …)} counts Sunday as 0 and
     * {@code JSON_VALUE(… RETURNING DECIMAL(p,s))} reads the number exactly ({@link PostgresSpellings}); 3 since casts
     * round half away from zero instead of truncating ({@code HindsightTypeSystem.roundingMode}): a snapshot of
     * truncated sums would otherwise go on with rounded ones; 4 since text cast to a TIMESTAMP reads ISO-8601 and
     * keeps its milliseconds ({@link IsoTimestampCast}, {@code HindsightTypeSystem.getDefaultPrecision}) and
     * {@code EXTRACT(EPOCH …)} keeps them too ({@link EpochExtract}), and {@code ROUND} of a floating-point number
     * rounds a half to even ({@link FloatRound}); 6 since a JSON path without a mode is lax in {@code JSON_QUERY},
     * {@code JSON_EXISTS} and a {@code JSON_VALUE} with {@code ON} clauses, and such a {@code JSON_VALUE} casts the
     * text it finds to its {@code RETURNING} type ({@link JsonPathModes}; 5 was the same session's first try); 7 since
     * one without {@code ON} clauses does too, so that text the type cannot take is NULL (the standard's {@code NULL
     * ON ERROR}) instead of an error, and a date or time it finds is read as ISO-8601 with or without them; 8 since a
     * DECIMAL holds 38 digits, not 19 ({@link HindsightTypeSystem#getMaxPrecision}): a BIGINT meeting a fraction
     * keeps the fraction, and text cast to a BOOLEAN reads PostgreSQL's words ({@link BooleanCast}: a JSON
     * {@code "yes"} {@code RETURNING BOOLEAN} was NULL) and a BOOLEAN cast to text is {@code true}, not {@code TRUE};
     * 9 since a LIKE pattern's backslash escapes ({@link LikePatterns}), an AVG of DECIMALs keeps 16 fraction digits
     * ({@link HindsightTypeSystem#deriveAvgAggType}), LEFT/RIGHT take a negative length as PostgreSQL's
     * ({@link TextEnds}) and DOUBLE arithmetic fails instead of answering Infinity or NaN ({@link FloatingPoint});
     * 10 since a DECIMAL division is exact to its type's scale ({@link DecimalDivision}: an average's last digit was
     * off) and a projection's outer SELECT and HAVING take the query's checks ({@link CheckedArithmetic}: integer
     * overflow wrapped round, DOUBLE overflow was Infinity), {@code EXTRACT(SECOND …)} keeps its fraction and a
     * plural unit name ({@code MILLISECONDS}) is that unit, not the epoch ({@link PostgresSpellings}); 11 since those
     * last changes (10 was given before them, by builds of the same session) and a DECIMAL cast to text is its plain
     * numeral ({@link DecimalTextCast}); 12 since a JSON number is read as a decimal and printed as PostgreSQL prints
     * it ({@code ExactJsonOperators}: {@code 100.50}, not {@code 100.5}; {@code 12345678.5}, not {@code 1.23456785E7}),
     * and an {@code AVG} of integers is a {@code DECIMAL} (a column's type, which the key holds anyway); 13 since a
     * date format is read as PostgreSQL's ({@code PostgresFormats}: a projection grouping by
     * {@code TO_CHAR(ts, 'yyyy-mm')} had one group for every event) and dates add whole days (12 was given before
     * them, by builds of the same session); 14 since a zoned timestamp plus months moves by them and a date plus a
     * day interval adds all its days ({@link DatetimeRange#arithmeticIn}: Calcite's left the months out); 15 since a
     * zoned timestamp keeps its milliseconds ({@link HindsightTypeSystem#getDefaultPrecision}) and {@code TO_DATE},
     * {@code TO_TIMESTAMP} and {@code TO_CHAR} run in a projection as in a query ({@code EventContext}'s locale); 16
     * since {@code SIMILAR TO} matches as PostgreSQL's ({@link SimilarPatterns}: a period is a period), so do
     * {@code ILIKE} beyond ASCII and a {@code LIKE} escape before any character ({@link LikePatterns}), and a cast
     * to a TIMESTAMP or TIME of fewer digits rounds to them ({@link DatetimeCasts}), and text functions count a
     * character beyond the BMP as one ({@link CodePointText}; all of the same session, one step); 17 since
     * {@code LOG} and {@code LOG10} are whole where the answer is ({@link Logarithms}: {@code LOG(1000)} was
     * 2.9999999999999996); 18 since a cast to {@code NUMERIC} of no precision keeps the value's digits
     * ({@link UnconstrainedNumeric}: it rounded to a whole number), a date plus hours is a timestamp
     * ({@link DateArithmetic}: the hours were dropped), and a floating-point number as text is PostgreSQL's
     * ({@link FloatText}: {@code 100.0} is {@code 100}); all of one session, one step; 19 since
     * {@code JSON_VALUE(… RETURNING NUMERIC)} keeps the value's digits ({@link UnconstrainedNumeric}), a product of
     * wide DECIMALs is rounded to 16 places ({@link DecimalProduct}), MIN and MAX of floating-point numbers order as
     * PostgreSQL's ({@link FloatExtremes}) and {@code 1e23} as text is {@code 9.999999999999999e+22}; one session; 20
     * since a floating-point group key of {@code -0} is the group of {@code 0} ({@link SignedZeroKeys}); 21 since a
     * whole SUM beyond its type fails ({@link Accumulator}: it wrapped) and so does text beyond a DOUBLE or REAL cast
     * to it per event ({@link FloatingPoint#textCastsIn}: it was Infinity); 22 since {@code LPAD}/{@code RPAD} of a
     * NULL is NULL where it is counted or coalesced ({@link PaddedText}: typed NOT NULL, {@code COUNT} counted them),
     * DECIMALs meeting in a {@code CASE} or {@code COALESCE} keep their fraction digits
     * ({@code DecimalKeepingTypeFactory}: {@code CEIL(t)} beside a {@code DECIMAL(38, 19)} rounded it) and a
     * {@code '3 days'::interval} is an interval (one session, one step); 23 since {@code ||} binds looser than
     * {@code + -} ({@code PostgresConcat}: a stored {@code 'a' || x * 2} meant another expression),
     * {@code REGEXP_REPLACE} reads POSIX classes ({@link PostgresRegexReplace}), a time's text {@code '1200'} is
     * 12:00, and {@code ROUND(n, -1)} of an integer beyond its type fails (it wrapped); 24 since integer arithmetic
     * per event fails on overflow (it wrapped: a plausible wrong sum) and a timestamp's text rounds to milliseconds;
     * 25 since {@code LIKE}'s {@code _} matches a line end ({@link LikePatterns#matches}), a whole-second timestamp
     * plus a fraction of a second keeps it in its text, a year beyond 9999 is refused (a digit was lost) and a NULL
     * operand takes its place's type; 26 since a {@code DOUBLE} or {@code REAL} cast to {@code DECIMAL(p, s)} takes
     * its 15 (6) significant digits first ({@link FloatDecimalCast}: a {@code REAL}'s 2.675 to two places was 2.67);
     * 27 since a text literal in a {@code CASE} or {@code COALESCE} beside numbers is a number
     * ({@code CaseBranchTypes}: {@code WHERE COALESCE(x, '0') < '10'} compared text, with the same column types).
     */
    static final int SEMANTICS = 27;

    @Override
    public Set<String> eventNames() {
        return plan.eventNames();
    }

    @Override
    public void apply(ProjectionEvent event, Groups groups) {
        GroupKey key = prepare(event);
        if (key != null) {
            fold(key, groups);
        }
    }

    /**
     * A failure as a statement's would be reported: its SQLState and message ({@code 22018} "invalid value for a cast
     * to a number: …"), not Java's text ({@code Character \uD83D is neither a decimal digit …}).
     */
    @Override
    public Throwable explained(Throwable failure) {
        return SqlErrors.toClient(failure);
    }

    /** Results packed as longs in the history where their types allow (COUNT, BIGINT, INTEGER, DECIMAL). */
    @Override
    public Optional<StatePacking> packing() {
        return PackedStates.of(accumulators);
    }

    /** A preparer per worker: it walks the stored bytes of {@code data} for all paths at once. */
    @Override
    public Optional<Staged> staged() {
        return Optional.of(new Staged() {
            @Override
            public Preparer preparer() {
                return new EventPreparer(plan, SqlFold.this::evaluate);
            }

            @Override
            public void apply(Object prepared, Groups groups) {
                fold((GroupKey) prepared, groups);
            }
        });
    }

    /** The event's key carrying its evaluated values, or {@code null} if the {@code WHERE} drops it. */
    private GroupKey prepare(ProjectionEvent event) {
        return evaluate(EventContext.of(event, fields, plan.width(), extracts, extractDocs, precisions, scales));
    }

    /** The key carrying the evaluated values of the event in {@code context}, or {@code null} if filtered out. */
    GroupKey evaluate(DataContext context) {
        if (plan.filter() != null && !Boolean.TRUE.equals(plan.filter().apply(context)[0])) {
            return null;
        }
        return new GroupKey(plan.values().apply(context), plan.keys());
    }

    private void fold(GroupKey key, Groups groups) {
        Object[] values = key.values();
        Object[] old = (Object[]) groups.get(key);
        if (old == null) {
            old = initial();
        }
        Object[] next = new Object[old.length];
        for (int i = 0; i < accumulators.length; i++) {
            next[i] = accumulators[i].fold(old[i], values);
        }
        groups.put(key, next);
    }

    private Object[] initial() {
        Object[] state = new Object[accumulators.length];
        for (int i = 0; i < state.length; i++) {
            state[i] = accumulators[i].initial();
        }
        return state;
    }

    @Override
    public Object[] row(Object key, Object state) {
        List<?> keys = (List<?>) key;
        Object[] results = (Object[]) state;
        Object[] row = new Object[keys.size() + results.length];
        for (int i = 0; i < keys.size(); i++) {
            row[i] = keys.get(i);
        }
        System.arraycopy(results, 0, row, keys.size(), results.length);
        if (plan.having() != null && !Boolean.TRUE.equals(plan.having().apply(EventContext.ofRow(row))[0])) {
            return null;
        }
        return plan.output() == null ? row : plan.output().apply(EventContext.ofRow(row));
    }

    @Override
    public Object[] emptyRow() {
        // an aggregate without GROUP BY has one row even over no events, as in SQL
        return plan.keys() == 0 ? row(List.of(), initial()) : null;
    }

    @Override
    public List<ProjectionColumn> columns() {
        return plan.columns();
    }

    /**
     * The column's SQL type as Calcite's JDBC metadata names it ({@code SMALLINT} where the runtime keeps an
     * {@code INTEGER}; an interval of two units {@code INTERVAL_DAY_TO_SECOND}, of one {@code INTERVAL_HOUR}), so that
     * an HTTP read names the types {@code SELECT * FROM} the projection does.
     */
    @Override
    public String typeName(int column) {
        RelDataType type = plan.rowType().getFieldList().get(column).getType();
        SqlIntervalQualifier interval = type.getIntervalQualifier();
        if (interval != null && !interval.isSingleDatetimeField()) {
            return "INTERVAL_" + interval.getStartUnit() + "_TO_" + interval.getEndUnit();
        }
        return type.getSqlTypeName().getName();
    }

    /** {@code value} as it is: a compiled definition's values are of their SQL types already. */
    @Override
    public Object sqlValue(int column, Object value) {
        return value;
    }

    @Override
    public List<String> primaryKey() {
        return plan.primaryKey();
    }

    @Override
    public Optional<StateCodec<Object>> codec() {
        return Optional.of(new StateCodec<>() {
            @Override
            public void write(Object state, DataOutput out) throws IOException {
                Values.write(state, out);
            }

            @Override
            public Object read(DataInput in) throws IOException {
                return Values.read(in);
            }
        });
    }
}
