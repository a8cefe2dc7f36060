package dev.hindsight.sql;

import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.AppendResult;
import dev.hindsight.log.Direction;
import dev.hindsight.log.EventView;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import dev.hindsight.sql.json.StoredJson;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare.CatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: the {@code events} table: the global log, columns as SPEC §1, plus the write-only {@code expected_version}
 * last (NULL when named; a {@code *} leaves it out: {@link HindsightSqlValidator}). Naturally ordered by {@code seq},
 * which is unique, so {@code ORDER BY seq} needs no sort. Public for {@code dev.hindsight.sql.jdbc}, whose
 * {@code getColumns} answer marks this table's {@code seq} as numbered by the server, and whose {@code Meta} runs a
 * prepared INSERT's fast path ({@link #appendOne}).
 */
public final class EventsTable extends LogTable implements ModifiableTable, KeyedTable, BoundedText, StoredJson {

    /** Columns only the log assigns; an INSERT naming one is refused. */
    static final Set<String> SERVER_ASSIGNED = Set.of("seq", "version", "event_id", "ts", "source");

    /** The columns an INSERT must give, in the table's order. */
    static final List<String> REQUIRED = List.of("stream_id", "entity_type", "name", "data");

    static final int SEQ = 0;
    static final int STREAM_ID = 1;
    static final int ENTITY_TYPE = 2;
    static final int VERSION = 3;
    static final int NAME = 4;
    static final int SCHEMA_VERSION = 5;
    static final int EVENT_ID = 6;
    static final int TS = 7;
    static final int SOURCE = 8;
    static final int DATA = 9;
    static final int METADATA = 10;
    static final int EXPECTED_VERSION = 11;
    /** The write-only column's name: {@code SELECT *} leaves it out ({@link HindsightSqlValidator}). */
    static final String EXPECTED_VERSION_NAME = "expected_version";

    private static final int SOURCE_CHARS = Arrays.stream(Source.values()).mapToInt(s -> s.wireName().length()).max()
        .orElseThrow();

    private static final int BATCH = 1024;
    /** Events a scan must span to be read ahead ({@link ReadAhead}). */
    static final long READ_AHEAD_MIN = 4L * BATCH;
    /** The bytes a scan's batches read ahead may hold ({@link Batches#window}). */
    private static final long AHEAD_BYTES = 64L << 20;
    /** A batch's rows are cut once they hold this many bytes, the rest read when the consumer gets there. */
    private static final long PART_BYTES = 8L << 20;
    /** Events a batch's first read takes before its rows are measured. */
    private static final int FIRST_CHUNK = 16;
    /** Events one read of a batch takes at most after the first (the rest of a batch of small events at once). */
    private static final int MOST_CHUNK = BATCH;
    /** Threads that read one scan ahead at most: one per core (the statement's own thread is mostly waiting). */
    private static final int READ_AHEAD_WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    EventsTable(SqlSession session) {
        super(session);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
        return f.builder()
            .add("seq", SqlTypeName.BIGINT)
            .add("stream_id", SqlTypeName.VARCHAR)
            .add("entity_type", SqlTypeName.VARCHAR)
            .add("version", SqlTypeName.BIGINT)
            .add("name", SqlTypeName.VARCHAR)
            .add("schema_version", SqlTypeName.INTEGER)
            .add("event_id", SqlTypeName.VARCHAR)
            .add("ts", SqlTypeName.TIMESTAMP, 3)
            .add("source", SqlTypeName.VARCHAR)
            .add("data", SqlTypeName.VARCHAR)
            .add("metadata", SqlTypeName.VARCHAR).nullable(true)
            .add("expected_version", SqlTypeName.BIGINT).nullable(true)
            .build();
    }

    /**
     * The row count only. No key and no collation, though {@code seq} is both: Calcite reads a statistic's columns
     * as positions in a scan's rows, and a scan that reads only some columns or computes JSON ones
     * ({@link LogTableScan#withFields}) has other columns at those positions (it would take a narrowed scan's first
     * column for unique, and drop a GROUP BY over it). The scans carry their seq order as a trait instead
     * ({@link LogTableScan#create}); the primary key is declared to JDBC through {@link KeyedTable}.
     */
    @Override
    public Statistic getStatistic() {
        return Statistics.of((double) Math.max(session.log().headSeq(), 1), List.of());
    }

    /** Ids as the log checks them; an event id a UUID's 36 characters; a source its door's name ({@code import}). */
    @Override
    public int maxChars(String column) {
        return switch (column) {
            case "stream_id", "entity_type", "name" -> NewEvent.MAX_ID_CHARS;
            case "event_id" -> UUID_CHARS;
            case "source" -> SOURCE_CHARS;
            default -> 0;
        };
    }

    @Override
    public List<String> primaryKey() {
        return List.of("seq");
    }

    @Override
    int streamIdColumn() {
        return STREAM_ID;
    }

    @Override
    int seqColumn() {
        return SEQ;
    }

    @Override
    int nameColumn() {
        return NAME;
    }

    @Override
    int tsColumn() {
        return TS;
    }

    /** {@code data} and {@code metadata}: the log checks each is one well-formed JSON object when it is appended. */
    @Override
    public boolean storesJson(int column) {
        return column == DATA || column == METADATA;
    }

    @Override
    Enumerable<Object[]> rows(DataContext root, ScanRequest request, long bound, int[] fields, boolean descending) {
        long lo = Math.max(request.seqLo(), 1);
        long hi = Math.min(request.seqHi(), bound);
        if (lo > hi) {
            return Linq4j.emptyEnumerable();
        }
        if (request.streamId() != null) {
            // one stream: only its events are read, through the stream index, decoding only the selected columns
            List<Object[]> rows = new ArrayList<>();
            byte[] name = request.name() == null ? null : request.name().getBytes(StandardCharsets.UTF_8);
            JsonExtracts.Reader json = request.extracts() == null ? null : request.extracts().reader();
            // only the stream's events within the seq range, which the log finds: a bound read the stream from its
            // first event (a catch-up reader of a hot stream read all 100,000 of it for 26)
            session.log().visitStreamWithin(request.streamId(), lo, hi,
                descending ? Direction.BACKWARD : Direction.FORWARD, e -> {
                    if (keeps(e, name, request.prefilter())) {
                        rows.add(row(e, fields, json));
                    }
                    return true;
                });
            return Linq4j.asEnumerable(rows);
        }
        StatementStop stop = StatementStop.of(root, session.statementTimeout());
        // a long range is read ahead on the other cores, a narrow seq range is not worth a thread (and a LIMIT met in
        // the first batch never starts one: see ReadAhead)
        boolean ahead = session.fastPaths() && hi - lo >= READ_AHEAD_MIN;
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                if (ahead) {
                    session.countReadAheadScan();
                }
                // without workers, ReadAhead reads every batch on the statement's thread as it is needed
                return new ReadAhead<>(new Batches(lo, hi, request, fields, stop, descending),
                    ahead ? READ_AHEAD_WORKERS : 0);
            }
        };
    }

    @Override
    public Collection<?> getModifiableCollection() {
        return null; // rows are never added one by one: see insert()
    }

    @Override
    public TableModify toModificationRel(RelOptCluster cluster,
            RelOptTable table, CatalogReader catalogReader,
            RelNode child, TableModify.Operation operation,
            List<String> updateColumnList, List<RexNode> sourceExpressionList,
            boolean flattened) {
        if (operation != TableModify.Operation.INSERT) {
            throw SqlErrors.appendOnly(operation.name());
        }
        return new EventsTableModify.Logical(cluster, table, catalogReader, child, flattened);
    }

    @Override
    public <C> C unwrap(Class<C> type) {
        if (type == InitializerExpressionFactory.class) {
            return type.cast(EventsColumnDefaults.INSTANCE);
        }
        return super.unwrap(type);
    }

    /**
     * Appends the rows of one INSERT statement through one log call: all of them or none, each row's guard checked
     * as if the rows before it were appended. Called by the code {@link EventsTableModify} generates. A cancel or a
     * timeout ({@link StatementStop}) is looked at once more before the append: stopped, nothing is appended (57014);
     * once appended, the statement has run to its end and a cancel that came meanwhile is dropped, as one that comes
     * while nothing runs: Calcite reads the count back through a result set whose {@code next()} failed on the
     * raised flag ("Statement canceled", an internal error), so an INSERT … SELECT canceled late was reported failed
     * with every event of it appended, and a retry appended them twice ({@link StatementCancels}).
     *
     * @return the number of events appended
     */
    @Override
    public long insert(DataContext root, Enumerable<Object[]> rows) {
        session.insertStarting();
        session.checkWritable();
        List<AppendRequest> requests = new ArrayList<>();
        for (Object[] r : rows) {
            requests.add(request(r));
        }
        if (session.batching()) {
            session.addToBatch(requests); // appended with the rest of the JDBC batch, all or nothing
            return requests.size();
        }
        if (requests.isEmpty()) {
            return 0;
        }
        try {
            StatementStop.of(root, session.statementTimeout()).check();
        } catch (QueryCanceledException e) {
            throw SqlErrors.of(SqlErrors.QUERY_CANCELED, e.getMessage() + " (nothing of the INSERT was appended)");
        }
        AppendResult result;
        try {
            result = session.appendOrHold(requests);
        } catch (RuntimeException e) {
            throw SqlErrors.fromAppend(e);
        }
        AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
        if (cancel != null) {
            session.cancels().appended(cancel);
        }
        return result == null ? requests.size() : result.events().size();
    }

    /** 23502 for a NULL in {@code column} of an INSERT, in PostgreSQL's words, saying what to write instead. */
    static RuntimeException notNull(String column) {
        return SqlErrors.of(SqlErrors.NOT_NULL_VIOLATION, "null value in column \"" + column + "\" of relation "
            + "\"events\" violates not-null constraint " + (column.equals("schema_version")
            ? "(leave the column out, or write DEFAULT, for 1)" : "(stream_id, entity_type, name and data must not "
            + "be NULL)"));
    }

    /** One INSERT row (all columns of {@code events}, in order) as an append request; shared with the fast path. */
    static AppendRequest request(Object[] r) {
        long expected = r[EXPECTED_VERSION] == null ? -1 : ((Number) r[EXPECTED_VERSION]).longValue();
        if (r[SCHEMA_VERSION] == null) {
            // an explicit NULL (CAST(NULL AS INTEGER), a ? set to NULL) was stored as 1, where the NULL literal is
            // refused; left out, or DEFAULT, the column is 1 before it gets here
            throw notNull("schema_version");
        }
        // a whole number beyond an INTEGER is 22003 (Math.toIntExact's), not wrapped round into another version
        int schemaVersion = Math.toIntExact(((Number) r[SCHEMA_VERSION]).longValue());
        ExpectedVersion guard;
        try {
            guard = ExpectedVersion.of(expected);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "expected_version: " + e.getMessage());
        }
        if (r[STREAM_ID] == null || r[ENTITY_TYPE] == null || r[NAME] == null || r[DATA] == null) {
            String column = r[STREAM_ID] == null ? "stream_id" : r[ENTITY_TYPE] == null ? "entity_type"
                : r[NAME] == null ? "name" : "data";
            throw notNull(column);
        }
        return new AppendRequest((String) r[STREAM_ID], (String) r[ENTITY_TYPE],
            List.of(new NewEvent((String) r[NAME], (String) r[DATA], (String) r[METADATA],
                schemaVersion)), guard);
    }

    /**
     * Appends one prepared INSERT's request (the fast path, {@link InsertFastPath#request}), with the same checks and
     * effects as {@link #insert}.
     *
     * @return the update count: the events appended, or 1 if the row is held for the transaction's commit
     */
    public static long appendOne(SqlSession session, AppendRequest request) {
        session.checkWritable();
        try {
            AppendResult result = session.appendOrHold(List.of(request));
            session.countFastPathAppend();
            return result == null ? 1 : result.events().size();
        } catch (RuntimeException e) {
            throw SqlErrors.fromAppend(e);
        }
    }

    /** Whether a scan keeps {@code e}: its name is {@code name} (UTF-8; any if null) and the prefilter may match. */
    private static boolean keeps(EventView e, byte[] name, JsonPrefilter prefilter) {
        return (name == null || e.nameEquals(name)) && (prefilter == null || prefilter.mayMatch(e));
    }

    /** The columns {@code fields} of an event (all if null), decoding only those, then its extracts (if any). */
    static Object[] row(EventView e, int[] fields, JsonExtracts.Reader json) {
        int n = fields == null ? EXPECTED_VERSION + 1 : fields.length;
        Object[] row = new Object[json == null ? n : n + json.size()];
        for (int i = 0; i < n; i++) {
            row[i] = column(e, fields == null ? i : fields[i]);
        }
        if (json != null) {
            json.fill(row, n, e, fields);
        }
        return row;
    }

    private static Object column(EventView e, int column) {
        return switch (column) {
            case SEQ -> e.seq();
            case STREAM_ID -> e.streamId();
            case ENTITY_TYPE -> e.entityType();
            case VERSION -> e.version();
            case NAME -> e.name();
            case SCHEMA_VERSION -> e.schemaVersion();
            case EVENT_ID -> e.eventId().toString();
            case TS -> e.ts();
            case SOURCE -> e.source().wireName();
            case DATA -> e.data();
            case METADATA -> e.metadata();
            default -> null; // expected_version: write-only
        };
    }

    /**
     * The log range in batches of {@link #BATCH} events, numbered from the start of the scan (the high end when
     * descending), so that LIMIT stops the reading, memory stays flat, and several threads can read batches at once
     * ({@link ReadAhead}); descending, each batch is read forwards and handed out reversed.
     */
    private final class Batches implements ReadAhead.Batches<Object[]> {
        private final long lo;
        private final long hi;
        private final byte[] name;
        private final JsonPrefilter prefilter;
        private final JsonExtracts extracts;
        private final int[] fields;
        private final StatementStop stop;
        private final boolean descending;
        /** The most bytes a batch of this scan held as rows so far (racy: a larger one may be missed, once). */
        private volatile long largest;
        /** Batch → the seq its unread rest starts at (ascending) or ends at (descending), for batches cut short. */
        private final Map<Long, Long> rests = new ConcurrentHashMap<>();

        Batches(long lo, long hi, ScanRequest request, int[] fields, StatementStop stop, boolean descending) {
            this.lo = lo;
            this.hi = hi;
            this.name = request.name() == null ? null : request.name().getBytes(StandardCharsets.UTF_8);
            this.prefilter = request.prefilter();
            this.extracts = request.extracts();
            this.fields = fields;
            this.stop = stop;
            this.descending = descending;
        }

        @Override
        public List<Object[]> read(long k) {
            if (k > (hi - lo) / BATCH) {
                return null;
            }
            stop.check();
            return part(k, first(k), last(k));
        }

        @Override
        public @Nullable List<Object[]> more(long k) {
            Long at = rests.remove(k);
            if (at == null) {
                return null;
            }
            stop.check();
            return descending ? part(k, first(k), at) : part(k, at, last(k));
        }

        /** The lowest seq of batch {@code k}. */
        private long first(long k) {
            return descending ? Math.max(lo, hi - (k + 1) * BATCH + 1) : lo + k * BATCH;
        }

        /** The highest seq of batch {@code k}. */
        private long last(long k) {
            return descending ? hi - k * BATCH : Math.min(hi, lo + (k + 1) * BATCH - 1);
        }

        /**
         * The rows of seqs {@code from..to} of batch {@code k} in the scan's order, read a few events at a time (as
         * many as the rest of {@link #PART_BYTES} holds at the rows' mean size so far) until they hold
         * {@link #PART_BYTES}: the rest of the range is then left for {@link #more}. A batch was 1,024 events whatever
         * their size: 300 kB events made batches of some 600 MB, and four clients reading them ran a 1 GB server out
         * of heap.
         */
        private List<Object[]> part(long k, long from, long to) {
            List<Object[]> rows = new ArrayList<>((int) Math.min(BATCH, to - from + 1));
            JsonExtracts.Reader json = extracts == null ? null : extracts.reader(); // this thread's, for this part
            long bytes = 0;
            long next = descending ? to : from; // the next seq to read, reading down or up
            int chunk = FIRST_CHUNK;
            while (descending ? next >= from : next <= to) {
                long chunkFrom = descending ? Math.max(from, next - chunk + 1) : next;
                long chunkTo = descending ? next : Math.min(to, next + chunk - 1);
                int before = rows.size();
                session.log().visit(chunkFrom, chunkTo, e -> {
                    if (keeps(e, name, prefilter)) {
                        rows.add(row(e, fields, json));
                    }
                    return true;
                });
                List<Object[]> read = rows.subList(before, rows.size());
                if (descending) {
                    Collections.reverse(read); // each read goes up the log: its rows are handed out reversed
                }
                bytes += bytesOf(read);
                next = descending ? chunkFrom - 1 : chunkTo + 1;
                if (bytes >= PART_BYTES && (descending ? next >= from : next <= to)) {
                    rests.put(k, next);
                    session.countCutBatch();
                    break;
                }
                long mean = Math.max(1, bytes / Math.max(1, rows.size()));
                chunk = (int) Math.max(1, Math.min(MOST_CHUNK, (PART_BYTES - bytes) / mean));
            }
            if (bytes > largest) {
                largest = bytes;
            }
            return rows;
        }

        /**
         * As many batches as {@link #AHEAD_BYTES} holds of the largest so far: a full log of large events, read eight
         * batches ahead, ran a 256 MB server out of heap.
         */
        @Override
        public int window() {
            return (int) Math.min(ReadAhead.AHEAD, AHEAD_BYTES / Math.max(1, largest));
        }
    }

    /** What the rows of a batch hold on the heap, roughly: text at two bytes a character, any other value 16. */
    private static long bytesOf(List<Object[]> rows) {
        long bytes = 0;
        for (Object[] row : rows) {
            for (Object cell : row) {
                bytes += cell instanceof String text ? 40 + 2L * text.length() : 16;
            }
        }
        return bytes;
    }
}
