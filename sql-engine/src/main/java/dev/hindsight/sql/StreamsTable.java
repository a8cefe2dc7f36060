package dev.hindsight.sql;

import dev.hindsight.log.NewEvent;
import dev.hindsight.log.StreamInfo;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code streams} table: one row per stream, derived from the log's stream index; {@code AS OF} a point shows
 * each stream's version at that point, computed from the index, not stored twice.
 */
final class StreamsTable extends LogTable implements KeyedTable, BoundedText {

    StreamsTable(SqlSession session) {
        super(session);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
        return f.builder()
            .add("stream_id", SqlTypeName.VARCHAR)
            .add("entity_type", SqlTypeName.VARCHAR)
            .add("version", SqlTypeName.BIGINT)
            .add("first_seq", SqlTypeName.BIGINT)
            .add("last_seq", SqlTypeName.BIGINT)
            .add("created_ts", SqlTypeName.TIMESTAMP, 3)
            .add("updated_ts", SqlTypeName.TIMESTAMP, 3)
            .build();
    }

    @Override
    public int maxChars(String column) {
        return column.equals("stream_id") || column.equals("entity_type") ? NewEvent.MAX_ID_CHARS : 0;
    }

    @Override
    public List<String> primaryKey() {
        return List.of("stream_id");
    }

    @Override
    int streamIdColumn() {
        return 0;
    }

    @Override
    int seqColumn() {
        return -1;
    }

    @Override
    int nameColumn() {
        return -1;
    }

    @Override
    Enumerable<Object[]> rows(DataContext root, ScanRequest request, long bound, int[] fields, boolean descending) {
        // no seq column, so the planner never asks for a descending scan
        List<Object[]> rows = new ArrayList<>();
        for (StreamInfo s : session.log().streams(bound)) {
            if (request.streamId() == null || request.streamId().equals(s.streamId())) {
                rows.add(project(new Object[] {s.streamId(), s.entityType(), s.version(), s.firstSeq(), s.lastSeq(),
                    s.createdTs(), s.updatedTs()}, fields));
            }
        }
        return Linq4j.asEnumerable(rows);
    }
}
