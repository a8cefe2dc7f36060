package dev.hindsight.sql;

import dev.hindsight.log.EventLog;
import dev.hindsight.projection.Fold;
import dev.hindsight.projection.Projections;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.schema.Table;

/**
 * Internal: the projections of one log as the SQL layer sees them, shared by every connection to the log: the runtime
 * ({@link Projections}), the SQL definitions stored in the data directory still to be compiled, and one table per
 * projection for each session. Every change to the set bumps {@link SchemaVersion}, so cached plans are dropped.
 * Public for the embedded engine ({@code dev.hindsight.sql.jdbc}), which opens one per log and closes it before the
 * log.
 */
public final class ProjectionCatalog implements AutoCloseable {

    /** How long a query waits for a projection to apply the events its statement can see. */
    static final long READ_WAIT_MILLIS = 30_000;

    /** The SQLStates of a connection that may not create projections (25006 read-only, 42501 privilege). */
    private static final Set<String> NOT_THIS_CONNECTION = Set.of(SqlErrors.READ_ONLY_TRANSACTION,
        SqlErrors.INSUFFICIENT_PRIVILEGE);

    private final Projections projections;
    private final Map<String, String> pending;

    /** Opens the projections of {@code log} (Java ones found on the class path start at once). */
    public ProjectionCatalog(EventLog log) {
        this.projections = Projections.open(log);
        this.pending = new ConcurrentHashMap<>(projections.storedDefinitions());
        projections.onChange(SchemaVersion::changed);
    }

    /** The runtime, for an embedded application's own projections and upcasters. */
    public Projections projections() {
        return projections;
    }

    /**
     * Compiles the stored SQL definitions not yet running, through {@code connection} (the first opened on the log):
     * each is its own {@code CREATE PROJECTION} statement. One that no longer compiles is listed as failed with the
     * reason ({@link Projections#uncompiled}) and keeps its stored definition; one this connection may not create
     * (a read-only or as-of connection, a role below admin) is left for the next connection.
     */
    public void restore(Connection connection) {
        for (Map.Entry<String, String> e : List.copyOf(pending.entrySet())) {
            if (projections.fold(e.getKey()).isPresent()) {
                pending.remove(e.getKey());
                continue;
            }
            try (Statement s = connection.createStatement()) {
                s.execute(e.getValue());
                pending.remove(e.getKey());
            } catch (SQLException failed) {
                if (!NOT_THIS_CONNECTION.contains(failed.getSQLState())) {
                    pending.remove(e.getKey());
                    projections.uncompiled(e.getKey(), failed.getMessage());
                }
            }
        }
    }

    /** The projection tables for {@code session}, by name: new table objects whenever a definition changed. */
    Map<String, Table> tables(SqlSession session, Map<String, ProjectionTable> cache) {
        Map<String, Table> out = new LinkedHashMap<>();
        for (String name : projections.names()) {
            Fold fold = projections.fold(name).orElse(null);
            if (fold == null) {
                continue; // dropped meanwhile
            }
            ProjectionTable t = cache.get(name);
            if (t == null || t.fold() != fold) {
                t = new ProjectionTable(session, fold);
                cache.put(name, t);
            }
            out.put(name, t);
        }
        cache.keySet().retainAll(out.keySet());
        return out;
    }

    @Override
    public void close() {
        projections.close();
    }
}
