package dev.hindsight.sql;

import dev.hindsight.projection.ProjectionEvent;
import dev.hindsight.sql.json.JsonValueFunction;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a projection's compiled expressions read: one event as a row of the {@code events} table, handed to Calcite's
 * generated code the way {@code RexExecutorImpl} expects it ({@code inputRecord}). Only the columns the definition
 * reads are filled. One per event, so two runners of one definition (a rebuild beside the live one) share nothing.
 */
final class EventContext implements DataContext {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final Object[] row;

    private EventContext(Object[] row) {
        this.row = row;
    }

    /**
     * The event's columns {@code fields} (indexes of {@code events} columns) in a row of {@code width}, followed by the
     * values of {@code extracts}, each of the column {@code docs} names, cast where {@code precisions} says
     * ({@link #extract}).
     */
    static EventContext of(ProjectionEvent e, int[] fields, int width, JsonValueFunction[] extracts, int[] docs,
                           int[] precisions, int[] scales) {
        Object[] row = new Object[width];
        columns(e, fields, row);
        int base = width - extracts.length;
        for (int i = 0; i < extracts.length; i++) {
            row[base + i] = extract(extracts[i].eval((String) row[docs[i]]), precisions[i], scales[i]);
        }
        return new EventContext(row);
    }

    /**
     * An extra column from its JSON text: the text itself (precision -1), else {@link DecimalText}'s DECIMAL of it,
     * NULL where the expression must cast it as Calcite does.
     */
    static Object extract(String text, int precision, int scale) {
        return precision < 0 || text == null ? text : DecimalText.parse(text, precision, scale);
    }

    /** Puts the event's columns {@code fields} (indexes of {@code events} columns) into {@code row}. */
    static void columns(ProjectionEvent e, int[] fields, Object[] row) {
        for (int f : fields) {
            row[f] = switch (f) {
                case EventsTable.SEQ -> e.seq();
                case EventsTable.STREAM_ID -> e.streamId();
                case EventsTable.ENTITY_TYPE -> e.entityType();
                case EventsTable.VERSION -> e.version();
                case EventsTable.NAME -> e.name();
                case EventsTable.SCHEMA_VERSION -> e.schemaVersion();
                case EventsTable.EVENT_ID -> e.eventId().toString();
                case EventsTable.TS -> e.ts();
                case EventsTable.SOURCE -> e.source().wireName();
                case EventsTable.DATA -> e.data();
                case EventsTable.METADATA -> e.metadata();
                default -> null; // expected_version: write-only
            };
        }
    }

    /** A row that is not an event: a group's aggregate values, for the expressions over them. */
    static EventContext ofRow(Object[] row) {
        return new EventContext(row);
    }

    @Override
    public @Nullable Object get(String name) {
        if ("inputRecord".equals(name)) {
            return row;
        }
        if (Variable.TIME_ZONE.camelName.equals(name)) {
            return UTC;
        }
        // TO_DATE, TO_TIMESTAMP and TO_CHAR read it (without it every call failed: "Invalid format"); a query's is the
        // connection's, Calcite's default ROOT, which Hindsight does not change
        return Variable.LOCALE.camelName.equals(name) ? Locale.ROOT : null;
    }

    @Override
    public @Nullable SchemaPlus getRootSchema() {
        return null;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        throw new UnsupportedOperationException("a projection's expressions need no type factory at run time");
    }

    @Override
    public QueryProvider getQueryProvider() {
        throw new UnsupportedOperationException("a projection's expressions run no queries");
    }
}
