package dev.hindsight.sql;

import com.google.common.collect.Multimap;
import dev.hindsight.log.AppendResult;
import dev.hindsight.log.AppendedEvent;
import dev.hindsight.projection.ProjectionStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code sys} schema of status tables: {@code sys.projections}, one row per projection; the
 * connection's plan cache ({@link PlanCache}): {@code sys.statements}, one row per cached shape, and
 * {@code sys.plan_cache}, its counters; {@code sys.last_append}, the keys of the connection's last append; and
 * {@code sys.primary_keys}, the keys the tables declare; {@code sys.settings}, the session's settings
 * ({@link SessionSettings}).
 */
final class SysSchema extends AbstractSchema {

    private final Map<String, Table> tables;

    SysSchema(SqlSession session) {
        tables = Map.of("projections", new ProjectionsTable(session),
            "statements", new StatementsTable(session.planCache()),
            "plan_cache", new PlanCacheTable(session.planCache()),
            "last_append", new LastAppendTable(session),
            "primary_keys", new PrimaryKeysTable(),
            "settings", new SettingsTable(session));
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
        return AwaitProjection.FUNCTIONS;
    }

    /** One row per projection: name, status, position, lag, error (SPEC §2). */
    private static final class ProjectionsTable extends AbstractTable implements ScannableTable, KeyedTable {
        private final SqlSession session;

        ProjectionsTable(SqlSession session) {
            this.session = session;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return f.builder()
                .add("name", SqlTypeName.VARCHAR)
                .add("status", SqlTypeName.VARCHAR)
                .add("position", SqlTypeName.BIGINT)
                .add("lag", SqlTypeName.BIGINT)
                .add("error", SqlTypeName.VARCHAR).nullable(true)
                .build();
        }

        @Override
        public List<String> primaryKey() {
            return List.of("name");
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            List<Object[]> rows = new ArrayList<>();
            for (ProjectionStatus s : session.projections().statuses()) {
                rows.add(new Object[] {s.name(), s.status(), s.position(), s.lag(), s.error()});
            }
            return Linq4j.asEnumerable(rows);
        }
    }

    /** One row per cached shape: its text with {@code ?} for the lifted literals, how many, and its hits. */
    private static final class StatementsTable extends AbstractTable implements ScannableTable, KeyedTable {
        private final PlanCache cache;

        StatementsTable(PlanCache cache) {
            this.cache = cache;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return f.builder()
                .add("shape", SqlTypeName.VARCHAR)
                .add("parameters", SqlTypeName.INTEGER)
                .add("hits", SqlTypeName.BIGINT)
                .build();
        }

        @Override
        public List<String> primaryKey() {
            return List.of("shape");
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            return Linq4j.asEnumerable(cache.rows());
        }
    }

    /** One row: the plan cache's hits, misses, evictions, size, capacity, and texts parsed to find their shape. */
    private static final class PlanCacheTable extends AbstractTable implements ScannableTable {
        private final PlanCache cache;

        PlanCacheTable(PlanCache cache) {
            this.cache = cache;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return f.builder()
                .add("hits", SqlTypeName.BIGINT)
                .add("misses", SqlTypeName.BIGINT)
                .add("evictions", SqlTypeName.BIGINT)
                .add("size", SqlTypeName.BIGINT)
                .add("capacity", SqlTypeName.BIGINT)
                .add("parses", SqlTypeName.BIGINT)
                .build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            return Linq4j.asEnumerable(List.<Object[]>of(cache.counters()));
        }
    }

    /** One row per session setting: name, setting, description ({@link SessionSettings}); what SHOW reads. */
    private static final class SettingsTable extends AbstractTable implements ScannableTable, KeyedTable {
        private final SqlSession session;

        SettingsTable(SqlSession session) {
            this.session = session;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return f.builder()
                .add("name", SqlTypeName.VARCHAR)
                .add("setting", SqlTypeName.VARCHAR)
                .add("description", SqlTypeName.VARCHAR)
                .build();
        }

        @Override
        public List<String> primaryKey() {
            return List.of("name");
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            return Linq4j.asEnumerable(SessionSettings.rows(session));
        }
    }

    /**
     * One row per event the connection's last INSERT, batch or commit appended: what {@code getGeneratedKeys()}
     * reads, through the connection's Meta like any query (so that a remote client can read it the same way).
     */
    private static final class LastAppendTable extends AbstractTable implements ScannableTable, BoundedText {
        private final SqlSession session;

        LastAppendTable(SqlSession session) {
            this.session = session;
        }

        @Override
        public int maxChars(String column) {
            return column.equals("event_id") ? UUID_CHARS : 0;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return f.builder()
                .add("seq", SqlTypeName.BIGINT)
                .add("version", SqlTypeName.BIGINT)
                .add("event_id", SqlTypeName.VARCHAR)
                .add("ts", SqlTypeName.TIMESTAMP, 3)
                .build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            AppendResult last = session.lastAppend();
            if (last == null) {
                return Linq4j.emptyEnumerable();
            }
            List<Object[]> rows = new ArrayList<>(last.events().size());
            for (AppendedEvent e : last.events()) {
                rows.add(new Object[] {e.seq(), e.version(), e.eventId().toString(), e.ts()});
            }
            return Linq4j.asEnumerable(rows);
        }
    }

    /**
     * One row per key column of every table that declares a key ({@link KeyedTable}), in every schema: what
     * {@code DatabaseMetaData.getPrimaryKeys} answers, as a table, so that the remote driver (whose protocol has no
     * request for keys) can ask it with a query. {@code key_seq} is the column's 1-based position in the key,
     * {@code pk_name} {@code <table>_pkey} as PostgreSQL names it; ordered by schema, table and column. Read-only,
     * computed from the schema on each read, so a projection created a moment ago is there.
     */
    private static final class PrimaryKeysTable extends AbstractTable implements ScannableTable {

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return f.builder()
                .add("table_schema", SqlTypeName.VARCHAR)
                .add("table_name", SqlTypeName.VARCHAR)
                .add("column_name", SqlTypeName.VARCHAR)
                .add("key_seq", SqlTypeName.SMALLINT)
                .add("pk_name", SqlTypeName.VARCHAR)
                .build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            SchemaPlus top = root.getRootSchema();
            List<Object[]> rows = new ArrayList<>();
            if (top == null) {
                return Linq4j.asEnumerable(rows);
            }
            for (String schemaName : top.subSchemas().getNames(LikePattern.any())) {
                SchemaPlus schema = top.subSchemas().get(schemaName);
                if (schema == null) {
                    continue;
                }
                for (String tableName : schema.tables().getNames(LikePattern.any())) {
                    if (schema.tables().get(tableName) instanceof KeyedTable keyed) {
                        List<String> key = keyed.primaryKey();
                        for (int i = 0; i < key.size(); i++) {
                            rows.add(new Object[] {schemaName, tableName, key.get(i), (short) (i + 1),
                                tableName + "_pkey"});
                        }
                    }
                }
            }
            rows.sort(Comparator.comparing((Object[] r) -> (String) r[0]).thenComparing(r -> (String) r[1])
                .thenComparing(r -> (String) r[2]));
            return Linq4j.asEnumerable(rows);
        }
    }
}
