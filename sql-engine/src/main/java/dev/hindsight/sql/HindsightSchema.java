package dev.hindsight.sql;

import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The default schema ({@code public}): the log ({@code events}) and the streams catalog ({@code streams}). */
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
        return tables;
    }
}
