package dev.hindsight.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: the default schema ({@code public}): the log ({@code events}), the streams catalog ({@code streams})
 * and one table per projection (SPEC §3), asked afresh each time since projections come and go.
 * Public for the embedded engine ({@code dev.hindsight.sql.jdbc}), which gives each connection its schemas
 * ({@link #addTo}) and finds the session behind one ({@link #sessionOf}).
 */
public final class HindsightSchema extends AbstractSchema {

    /** The name of the default schema. */
    public static final String NAME = "public";

    private final Map<String, Table> tables;
    private final SqlSession session;

    HindsightSchema(SqlSession session) {
        this.session = session;
        this.tables = Map.of("events", new EventsTable(session), "streams", new StreamsTable(session));
    }

    /**
     * Gives {@code root}, a connection's root schema, what a session sees: this schema as {@link #NAME} with the
     * {@code AS OF SEQUENCE} marker, {@code sys}'s status tables ({@link SysSchema}), and PostgreSQL's type names.
     */
    public static void addTo(SchemaPlus root, SqlSession session) {
        SchemaPlus schema = root.add(NAME, new HindsightSchema(session));
        // projections come and go: the table map is asked each time. Calcite snapshots a schema's names in lookups
        // it makes on first use and disables only those that exist when caching is switched off; made later, they
        // are enabled, and froze the catalogue (getTables, getColumns) at the first listing. So: made first.
        schema.tables();
        schema.subSchemas();
        schema.setCacheEnabled(false);
        schema.add(AsOfSequenceFunction.NAME, ScalarFunctionImpl.create(AsOfSequenceFunction.class, "eval"));
        PostgresTypeNames.addTo(root);
        root.add("sys", new SysSchema(session));
    }

    /** The session whose schemas {@link #addTo} gave {@code root}, or {@code null} if it has none. */
    public static @Nullable SqlSession sessionOf(CalciteSchema root) {
        CalciteSchema schema = root.getSubSchema(NAME, false);
        return schema != null && schema.schema instanceof HindsightSchema h ? h.session() : null;
    }

    SqlSession session() {
        return session;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        Map<String, Table> projections = session.projectionTables();
        if (projections.isEmpty()) {
            return tables;
        }
        Map<String, Table> all = new LinkedHashMap<>(tables);
        all.putAll(projections);
        return all;
    }
}
