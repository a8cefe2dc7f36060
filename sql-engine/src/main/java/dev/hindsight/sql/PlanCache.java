package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.Meta;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The prepared plans of a connection's ad-hoc statements, so that a statement seen before costs an execution, not a
 * preparation (7–25 ms of parsing, validation, planning and code generation):
 * <ul>
 *   <li>L0: the exact text → its {@link LiftedStatement} (no parse at all on a repeat);</li>
 *   <li>L1: the lifted shape → the plan prepared from it, run with each statement's own values.</li>
 * </ul>
 * Both levels are LRU maps of at most {@code capacity} entries (connection property {@code planCacheSize}; 0 turns
 * the cache off). A plan belongs to the connection it was prepared on (it reads that connection's tables), hence one
 * cache per connection. Entries made before a schema change ({@link SchemaVersion}) are not used. Counters are read
 * by {@code sys.statements} and {@code sys.plan_cache}. Used from the connection's thread, as the connection is.
 */
final class PlanCache {

    /** A prepared shape and how often it was used. */
    static final class Shape {
        final String text;
        final Meta.Signature signature;
        final long schemaVersion;
        final int parameters;
        long hits;

        Shape(String text, Meta.Signature signature, long schemaVersion, int parameters) {
            this.text = text;
            this.signature = signature;
            this.schemaVersion = schemaVersion;
            this.parameters = parameters;
        }
    }

    private final int capacity;
    private final Map<String, LiftedStatement> texts;
    private final Map<String, Shape> shapes;
    private long hits;
    private long misses;
    private long evictions;

    PlanCache(int capacity) {
        this.capacity = capacity;
        this.texts = lru(capacity, false);
        this.shapes = lru(capacity, true);
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

    boolean enabled() {
        return capacity > 0;
    }

    /**
     * The cache key of a text or shape, with what else makes a different plan: the default schema names resolve in,
     * and a row limit given at prepare time.
     */
    static String key(String text, String schema, long maxRowCount) {
        return schema + '\u0000' + maxRowCount + '\u0000' + text;
    }

    /** The lifted form of an exact text seen before, or {@code null}. */
    @Nullable LiftedStatement text(String key) {
        return texts.get(key);
    }

    void text(String key, LiftedStatement lifted) {
        texts.put(key, lifted);
    }

    /** The shape's plan if it was prepared under the current schema (a hit), else {@code null} (a miss). */
    @Nullable Shape shape(String key) {
        Shape shape = shapes.get(key);
        if (shape != null && shape.schemaVersion == SchemaVersion.current()) {
            shape.hits++;
            hits++;
            return shape;
        }
        misses++;
        return null;
    }

    void shape(String key, Shape shape) {
        shapes.put(key, shape);
    }

    /** One row per cached shape: shape, parameters, hits (for {@code sys.statements}). */
    List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>(shapes.size());
        for (Shape s : shapes.values()) {
            rows.add(new Object[] {s.text, s.parameters, s.hits});
        }
        return rows;
    }

    /** hits, misses, evictions, size, capacity (for {@code sys.plan_cache}). */
    Object[] counters() {
        return new Object[] {hits, misses, evictions, (long) shapes.size(), (long) capacity};
    }
}
