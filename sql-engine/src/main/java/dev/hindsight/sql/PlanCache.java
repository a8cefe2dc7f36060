package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: the prepared plans of a connection's ad-hoc statements (queries, and single-row INSERTs a prepared
 * statement appends without Calcite), so that a statement seen before costs an execution, not a preparation (7–25 ms
 * of parsing, validation, planning and code generation):
 * <ul>
 *   <li>the text's {@link LiteralScan} key → the {@link Decision} its first parse made: a text that differs only in
 *       literal values runs without being parsed;</li>
 *   <li>L0: the exact text → its {@link LiftedStatement} (no parse at all on a repeat);</li>
 *   <li>L1: the lifted shape → the plan prepared from it, run with each statement's own values.</li>
 * </ul>
 * Both levels are LRU maps of at most {@code capacity} entries (connection property {@code planCacheSize}; 0 turns
 * the cache off). A plan belongs to the connection it was prepared on (it reads that connection's tables), hence one
 * cache per connection. Entries made before a schema change ({@link SchemaVersion}) are not used. Counters are read
 * by {@code sys.statements} and {@code sys.plan_cache}. Used from the connection's thread, as the connection is.
 *
 * <p>Public for the connection's {@code Meta} ({@code dev.hindsight.sql.jdbc}), which asks it for a plan
 * ({@link #plan}) before Calcite prepares an ad-hoc statement.
 */
public final class PlanCache {

    /** Prepares a lifted shape as a client's prepared statement would be prepared, for {@link #plan}. */
    @FunctionalInterface
    public interface Preparer {

        /**
         * The plan of {@code shape}, or {@code null} if it fails to prepare or is neither a query nor an INSERT with
         * a fast path ({@link InsertFastPath}).
         */
        CalcitePrepare.@Nullable CalciteSignature<?> prepare(String shape);
    }

    /**
     * A statement's plan from the cache: its signature, whose plan runs with {@code values}, and those values. An
     * INSERT's plan is its fast path ({@link InsertFastPath}, in the signature's internal parameters), run with them.
     */
    public record Planned(CalcitePrepare.CalciteSignature<?> signature, List<Object> values) {
    }

    /** A prepared shape and how often it was used. */
    static final class Shape {
        final String text;
        final CalcitePrepare.CalciteSignature<?> signature;
        final long schemaVersion;
        final int parameters;
        /** The caller's turn ({@link #handedOver}) it was last used in, and its hits in that turn. */
        long turn;
        long hits;
        /** Set when its generated class failed to initialise: not used again. */
        boolean broken;

        Shape(String text, CalcitePrepare.CalciteSignature<?> signature, long schemaVersion, int parameters) {
            this.text = text;
            this.signature = signature;
            this.schemaVersion = schemaVersion;
            this.parameters = parameters;
        }
    }

    /**
     * What the parse of a text decided for every text with its {@link LiteralScan} key: which candidates are lifted
     * (and whether as an AS OF SEQUENCE point), the text the others must have, and the plan. A text that matches runs
     * the plan without being parsed.
     */
    static final class Decision {
        final Shape shape;
        /** Per candidate: -1 kept as it is, 0 lifted, 1 lifted as a sequence point. */
        private final byte[] lifted;
        private final String[] kept;

        Decision(Shape shape, byte[] lifted, String[] kept) {
            this.shape = shape;
            this.lifted = lifted;
            this.kept = kept;
        }

        /** The values of {@code scan}'s lifted literals, or {@code null} if a kept literal differs. */
        @Nullable List<Object> values(String sql, LiteralScan scan) {
            if (scan.candidates.size() != lifted.length) {
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < lifted.length; i++) {
                LiteralScan.Candidate c = scan.candidates.get(i);
                if (lifted[i] < 0) {
                    if (!sql.regionMatches(c.start(), kept[i], 0, kept[i].length())
                        || c.end() - c.start() != kept[i].length()) {
                        return null;
                    }
                } else {
                    values.add(lifted[i] == 1 ? LiftedStatement.sequenceValue(c.literal())
                        : LiftedStatement.valueOf(c.literal()));
                }
            }
            return values;
        }

        /**
         * The decision the parse of {@code sql} ({@code lifted}) makes for its scan, or {@code null} if a lifted
         * literal is not exactly one candidate (a {@code -5} the parser reads as one literal, say).
         */
        static @Nullable Decision of(String sql, LiteralScan scan, LiftedStatement parsed, Shape shape) {
            byte[] lifted = new byte[scan.candidates.size()];
            String[] kept = new String[lifted.length];
            Arrays.fill(lifted, (byte) -1);
            for (LiftedStatement.Span span : parsed.spans()) {
                int match = -1;
                for (int i = 0; i < lifted.length; i++) {
                    LiteralScan.Candidate c = scan.candidates.get(i);
                    if (c.start() == span.start() && c.end() == span.end()) {
                        match = i;
                    }
                }
                if (match < 0) {
                    return null;
                }
                lifted[match] = (byte) (span.sequence() ? 1 : 0);
            }
            for (int i = 0; i < lifted.length; i++) {
                if (lifted[i] < 0) {
                    LiteralScan.Candidate c = scan.candidates.get(i);
                    kept[i] = sql.substring(c.start(), c.end());
                }
            }
            return new Decision(shape, lifted, kept);
        }
    }

    private final int capacity;
    private final Map<String, Decision> decisions;
    private final Map<String, LiftedStatement> texts;
    private final Map<String, Shape> shapes;
    private long hits;
    /** How many times the connection was handed to another caller ({@link #handedOver}). */
    private long turn;
    private long misses;
    private long evictions;
    private long parses;

    PlanCache(int capacity) {
        this.capacity = capacity;
        this.texts = lru(capacity, false);
        this.shapes = lru(capacity, true);
        this.decisions = lru(capacity, false);
    }

    private <V> Map<String, V> lru(int max, boolean counted) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                boolean full = size() > max;
                if (full && counted) {
                    evictions++;
                }
                return full;
            }
        };
    }

    /** Whether the cache keeps plans at all ({@code planCacheSize} &gt; 0). */
    public boolean enabled() {
        return capacity > 0;
    }

    /**
     * The plan of the ad-hoc statement {@code sql} from the cache, bound to this text's values, as the signature of
     * the statement {@code sql}: its shape prepared by {@code preparer} and cached on a miss; {@code null} if the cache
     * is off or the text cannot be shared (Calcite then prepares it as usual).
     *
     * @param schema      the connection's default schema, where the statement's names resolve
     * @param maxRowCount the row limit given at prepare time, or -1
     */
    public @Nullable Planned plan(String sql, String schema, long maxRowCount, Preparer preparer) {
        if (!enabled()) {
            return null;
        }
        LiteralScan scan = LiteralScan.of(sql);
        String scanKey = scan == null ? null : key(scan.key, schema, maxRowCount);
        Decision decision = scanKey == null ? null : decision(scanKey);
        List<Object> scanned = decision == null ? null : decision.values(sql, scan);
        if (scanned != null) {
            hit(decision.shape);
            return new Planned(bind(decision.shape, decision.shape.signature, scanned, sql), scanned);
        }
        String textKey = key(sql, schema, maxRowCount);
        LiftedStatement lifted = text(textKey);
        if (lifted == null) {
            lifted = LiftedStatement.lift(sql, ConnectionSettings.PARSER);
            parsed();
            text(textKey, lifted == null ? LiftedStatement.NOT_SHARED : lifted);
        }
        if (lifted == null || !lifted.shared()) {
            return null;
        }
        String shapeKey = key(lifted.shape(), schema, maxRowCount);
        Shape shape = shape(shapeKey);
        if (shape == null) {
            long version = SchemaVersion.current();
            CalcitePrepare.CalciteSignature<?> prepared = preparer.prepare(lifted.shape());
            if (prepared == null) {
                text(textKey, LiftedStatement.NOT_SHARED);
                return null;
            }
            shape = new Shape(lifted.shape(), prepared, version, lifted.values().size());
            shape(shapeKey, shape);
        }
        Decision made = scan == null ? null : Decision.of(sql, scan, lifted, shape);
        if (made != null) {
            decision(scanKey, made);
        }
        return new Planned(bind(shape, shape.signature, lifted.values(), sql), lifted.values());
    }

    /**
     * The cached plan of {@code shape} run with {@code values}, as the signature of the statement {@code sql};
     * {@code plan} is {@code shape.signature}, passed apart so that its row type has a name.
     */
    private static <T> CalcitePrepare.CalciteSignature<T> bind(Shape shape, CalcitePrepare.CalciteSignature<T> plan,
                                                               List<Object> values, String sql) {
        Bindable<T> bound = context -> {
            Enumerable<T> rows;
            try {
                rows = plan.enumerable(new BoundDataContext(context, values)); // an aggregate's code runs here
            } catch (LinkageError e) {
                shape.broken = true; // its class failed to initialise and stays unusable: prepare anew
                throw e;
            }
            return new AbstractEnumerable<>() {
                @Override
                public Enumerator<T> enumerator() {
                    try {
                        return rows.enumerator(); // where generated code first runs, and folds its constants
                    } catch (LinkageError e) {
                        shape.broken = true; // its class failed to initialise and stays unusable: prepare anew
                        throw e;
                    }
                }
            };
        };
        return new CalcitePrepare.CalciteSignature<>(sql, List.of(), plan.internalParameters, plan.rowType,
            plan.columns, plan.cursorFactory, plan.rootSchema, plan.getCollationList(), -1, bound,
            plan.statementType);
    }

    /**
     * The cache key of a text or shape, with what else makes a different plan: the default schema names resolve in,
     * and a row limit given at prepare time.
     */
    private static String key(String text, String schema, long maxRowCount) {
        return schema + '\u0000' + maxRowCount + '\u0000' + text;
    }

    /** The lifted form of an exact text seen before, or {@code null}. */
    private @Nullable LiftedStatement text(String key) {
        return texts.get(key);
    }

    private void text(String key, LiftedStatement lifted) {
        texts.put(key, lifted);
    }

    /** The shape's plan if it was prepared under the current schema (a hit), else {@code null} (a miss). */
    private @Nullable Shape shape(String key) {
        Shape shape = shapes.get(key);
        if (shape != null && !shape.broken && shape.schemaVersion == SchemaVersion.current()) {
            hit(shape);
            return shape;
        }
        misses++;
        return null;
    }

    private void shape(String key, Shape shape) {
        shape.turn = turn;
        shapes.put(key, shape);
    }

    /** The decision for a scan key if its plan is current (a hit), else {@code null} (nothing counted). */
    private @Nullable Decision decision(String key) {
        Decision d = decisions.get(key);
        return d != null && !d.shape.broken && d.shape.schemaVersion == SchemaVersion.current() ? d : null;
    }

    private void decision(String key, Decision decision) {
        decisions.put(key, decision);
    }

    /** Counts a hit, of this caller's turn too. */
    private void hit(Shape shape) {
        hits++;
        if (shape.turn != turn) {
            shape.turn = turn;
            shape.hits = 0;
        }
        shape.hits++;
    }

    /**
     * The connection passes to another caller (a pool shared by requests, and by API keys of one role): the plans
     * stay, but the shapes listed and their hits are the new caller's from here on. {@code sys.statements} showed the
     * SQL text earlier requests ran, literals and all, to any later one.
     */
    void handedOver() {
        turn++;
    }

    /**
     * One row per shape this caller used (every one, on a connection never handed over): shape, parameters, its
     * hits in this turn.
     */
    List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>(shapes.size());
        for (Shape s : shapes.values()) {
            if (s.turn == turn) {
                rows.add(new Object[] {s.text, s.parameters, s.hits});
            }
        }
        return rows;
    }

    /** Counts a text parsed to find its shape (what a {@link Decision} saves). */
    private void parsed() {
        parses++;
    }

    /**
     * Statements served by a cached plan so far (the server's {@code hindsight_plan_cache_hits_total}); read it from
     * the thread using the connection, as everything of a connection.
     */
    public long hits() {
        return hits;
    }

    /** hits, misses, evictions, size, capacity, parses (for {@code sys.plan_cache}). */
    Object[] counters() {
        return new Object[] {hits, misses, evictions, (long) shapes.size(), (long) capacity, parses};
    }
}
