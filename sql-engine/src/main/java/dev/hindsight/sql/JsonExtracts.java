package dev.hindsight.sql;

import dev.hindsight.log.EventView;
import dev.hindsight.sql.json.JsonPath;
import dev.hindsight.sql.json.JsonValueFunction;
import dev.hindsight.sql.json.JsonValueRule;
import dev.hindsight.sql.json.PathSet;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code JSON_VALUE(data, '$.path')} computed by the scan itself, as extra columns after the table's: the scan's
 * thread (a {@link ReadAhead} worker for a scan of the whole log) then walks each event's JSON while the statement's
 * thread aggregates. Only the fast function ({@link JsonValueFunction}) is taken, and only on {@code data} or
 * {@code metadata} of {@code events}: it never throws (NULL on error, as Calcite's default), so computing it for every
 * scanned event, before any later operator looks at the row, changes no answer. Paths of one row are answered from
 * one walk of its document ({@link PathSet}).
 *
 * <p>{@code CAST(JSON_VALUE(..) AS DECIMAL(p, s))} is computed too, by the very method Calcite's generated code
 * calls, but only as a cache: the statement reads {@code CASE WHEN cached IS NOT NULL THEN cached ELSE CAST(..) END},
 * so a value the cast refuses (or NULL) is cast again in the statement, where the error surfaces on the row, and only
 * if a filter lets that row through, exactly as without the cache.
 */
final class JsonExtracts {

    private final int[] columns;
    /** The distinct paths asked of data and of metadata, compiled once per scan. */
    private final JsonPath[] dataPaths;
    private final JsonPath[] metadataPaths;
    /** Per extract: its path's index among its column's distinct paths. */
    private final int[] slots;
    /** Per extract: the DECIMAL precision it is cast to, or -1 for the text itself. */
    private final int[] precisions;
    private final int[] scales;
    private final RoundingMode rounding;

    /**
     * One extra column of a scan: {@code JSON_VALUE} of table column {@code column} at {@code path}, typed as the call
     * it replaces: text, or a DECIMAL for a cached cast.
     */
    record Extract(int column, String path, RelDataType type) {
        boolean decimal() {
            return type.getSqlTypeName() == SqlTypeName.DECIMAL;
        }

        @Override
        public String toString() {
            return (column == EventsTable.DATA ? "data" : "metadata") + ":'" + path + "'"
                + (decimal() ? "::DECIMAL(" + type.getPrecision() + ", " + type.getScale() + ")" : "");
        }
    }

    private JsonExtracts(int[] columns, String[] paths, int[] precisions, int[] scales, RoundingMode rounding) {
        this.columns = columns;
        this.precisions = precisions;
        this.scales = scales;
        this.rounding = rounding;
        List<String> data = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        slots = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            List<String> distinct = columns[i] == EventsTable.DATA ? data : metadata;
            if (!distinct.contains(paths[i])) {
                distinct.add(paths[i]); // the text and the DECIMAL of one path: one lookup
            }
            slots[i] = distinct.indexOf(paths[i]);
        }
        dataPaths = data.stream().map(JsonPath::compile).toArray(JsonPath[]::new);
        metadataPaths = metadata.stream().map(JsonPath::compile).toArray(JsonPath[]::new);
    }

    /**
     * The extracts of a scan ({@code JSON_VALUE(columns[i], paths[i])}, cast to DECIMAL({@code precisions[i]},
     * {@code scales[i]}) with {@code rounding} where the precision is not -1), or {@code null} for none.
     */
    static JsonExtracts of(int[] columns, String[] paths, int[] precisions, int[] scales, RoundingMode rounding) {
        return columns == null || columns.length == 0 ? null
            : new JsonExtracts(columns, paths, precisions, scales, rounding);
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
        if ((column != EventsTable.DATA && column != EventsTable.METADATA) || path == null) {
            return null;
        }
        return new Extract(column, path, call.getType());
    }

    /** The cached form of {@code call} if it is {@code CAST(text AS DECIMAL(p, s))} of {@code text}, else null. */
    static Extract castOf(RexCall call, Extract text) {
        if (!isDecimalCast(call) || text.decimal()) {
            return null;
        }
        return new Extract(text.column(), text.path(), call.getType());
    }

    /**
     * Whether {@code call} is a cast to a DECIMAL whose value a cached extract may give: a {@code CAST}, or a
     * {@code SAFE_CAST} (JSON_VALUE … RETURNING DECIMAL), since the cache answers only where the cast cannot fail.
     */
    static boolean isDecimalCast(RexCall call) {
        return (call.getKind() == SqlKind.CAST || call.getKind() == SqlKind.SAFE_CAST)
            && call.getType().getSqlTypeName() == SqlTypeName.DECIMAL;
    }

    /** A reader of these extracts for one thread at a time (it keeps the walk's state). */
    Reader reader() {
        return new Reader();
    }

    /** Computes the extracts of one event after another; one per thread (a scan makes one per batch it reads). */
    final class Reader {
        private final PathSet data = new PathSet(dataPaths);
        private final PathSet metadata = new PathSet(metadataPaths);
        private final String[] dataValues = new String[dataPaths.length];
        private final String[] metadataValues = new String[metadataPaths.length];

        /** The extracts each row ends with. */
        int size() {
            return columns.length;
        }
        /** Walk the stored bytes themselves: nothing is decoded but the values asked for. */
        private final EventView.Utf8Sink dataBytes = (b, off, len) -> data.values(b, off, off + len, dataValues);
        private final EventView.Utf8Sink metadataBytes =
            (b, off, len) -> metadata.values(b, off, off + len, metadataValues);

        /**
         * Fills {@code row[from..]} with the extracts of {@code event}; {@code row[0..from)} holds the table columns
         * {@code fields} (all if null): a column decoded there anyway is walked as decoded, the others as stored.
         */
        void fill(Object[] row, int from, EventView event, int[] fields) {
            if (dataValues.length > 0) {
                int at = position(fields, from, EventsTable.DATA);
                if (at >= 0) {
                    data.values((String) row[at], dataValues);
                } else {
                    event.dataUtf8(dataBytes);
                }
            }
            if (metadataValues.length > 0) {
                int at = position(fields, from, EventsTable.METADATA);
                if (at >= 0) {
                    metadata.values((String) row[at], metadataValues);
                } else if (!event.metadataUtf8(metadataBytes)) {
                    metadata.values((String) null, metadataValues); // no metadata: every path NULL
                }
            }
            for (int i = 0; i < columns.length; i++) {
                String value = (columns[i] == EventsTable.DATA ? dataValues : metadataValues)[slots[i]];
                row[from + i] = precisions[i] < 0 ? value : decimal(value, precisions[i], scales[i]);
            }
        }
    }

    /** Where table column {@code column} is among the first {@code from} of a row of {@code fields}, or -1. */
    private static int position(int[] fields, int from, int column) {
        for (int i = 0; i < from; i++) {
            if ((fields == null ? i : fields[i]) == column) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What Calcite's generated code computes for {@code CAST(value AS DECIMAL(precision, scale))}, or {@code null}
     * where it would throw (the statement then casts again and throws there).
     */
    private Object decimal(String value, int precision, int scale) {
        if (value == null) {
            return null;
        }
        try {
            Object cast = Primitive.charToDecimalCast(DecimalRange.checked(value, precision, scale), precision, scale,
                rounding);
            return cast == null ? null : SqlFunctions.toBigDecimal(cast);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
