package dev.hindsight.sql;

import dev.hindsight.log.EventView;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;

/**
 * {@code JSON_VALUE(data, '$.path')} computed by the scan itself, as extra columns after the table's: the scan's
 * thread (a {@link ReadAhead} worker for a scan of the whole log) then walks each event's JSON while the statement's
 * thread aggregates. Only the fast function ({@link JsonValueFunction}) is taken, and only on {@code data} or
 * {@code metadata} of {@code events}: it never throws (NULL on error, as Calcite's default), so computing it for every
 * scanned event, before any later operator looks at the row, changes no answer. Paths of one row are answered from
 * one walk of its document.
 */
final class JsonExtracts {

    private final int[] columns;
    private final String[] paths;

    /**
     * One extra column of a scan: {@code JSON_VALUE} of table column {@code column} at {@code path}, typed as the call
     * it replaces.
     */
    record Extract(int column, String path, RelDataType type) {
        @Override
        public String toString() {
            return (column == EventsTable.DATA ? "data" : "metadata") + ":'" + path + "'";
        }
    }

    private JsonExtracts(int[] columns, String[] paths) {
        this.columns = columns;
        this.paths = paths;
    }

    /** The extracts of a scan ({@code JSON_VALUE(columns[i], paths[i])}), or {@code null} for none. */
    static JsonExtracts of(int[] columns, String[] paths) {
        return columns == null || columns.length == 0 ? null : new JsonExtracts(columns, paths);
    }

    int size() {
        return columns.length;
    }

    /** The extract a call over {@code scan}'s rows is, or {@code null} if the scan cannot compute it. */
    static Extract extractOf(RexCall call, LogTableScan scan) {
        if (!(scan.logTable instanceof EventsTable) || !call.getOperator().getName().equals(JsonValueRule.FAST_NAME)
            || call.getOperands().size() != 2
            || !(call.getOperands().get(0) instanceof RexInputRef ref)
            || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
            return null;
        }
        int column = scan.tableColumn(ref.getIndex());
        String path = literal.getValueAs(String.class);
        if (column != EventsTable.DATA && column != EventsTable.METADATA || path == null) {
            return null;
        }
        return new Extract(column, path, call.getType());
    }

    /**
     * Fills {@code row[from..]} with the extracts of {@code event}; {@code row[0..from)} holds the table columns
     * {@code fields} (all if null), whose already decoded text is used rather than decoded again.
     */
    void fill(Object[] row, int from, EventView event, int[] fields) {
        String data = null;
        String metadata = null;
        for (int i = 0; i < columns.length; i++) {
            // one String per column for all its paths: JsonValueFunction then walks the document once
            String text;
            if (columns[i] == EventsTable.DATA) {
                text = data == null ? data = decoded(row, from, fields, EventsTable.DATA, event) : data;
            } else {
                text = metadata == null ? metadata = decoded(row, from, fields, EventsTable.METADATA, event) : metadata;
            }
            row[from + i] = JsonValueFunction.eval(text, paths[i]);
        }
    }

    private static String decoded(Object[] row, int from, int[] fields, int column, EventView event) {
        for (int i = 0; i < from; i++) {
            if ((fields == null ? i : fields[i]) == column) {
                return (String) row[i];
            }
        }
        return column == EventsTable.DATA ? event.data() : event.metadata();
    }
}
