package dev.hindsight.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The default schema ({@code public}): the log ({@code events}), the streams catalog ({@code streams}) and one table
 * per projection (SPEC §3), asked afresh each time since projections come and go.
 */
final class HindsightSchema extends AbstractSchema {

    private final Map<String, Table> tables;
    private final SqlSession session;

    HindsightSchema(SqlSession session) {
        this.session = session;
        this.tables = Map.of("events", new EventsTable(session), "streams", new StreamsTable(session));
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
