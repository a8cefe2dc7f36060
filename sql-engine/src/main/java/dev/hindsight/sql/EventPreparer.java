package dev.hindsight.sql;

import dev.hindsight.log.EventView;
import dev.hindsight.projection.Fold;
import dev.hindsight.projection.ProjectionEvent;
import dev.hindsight.sql.json.JsonPath;
import dev.hindsight.sql.json.JsonValueFunction;
import dev.hindsight.sql.json.PathSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;

/**
 * Prepares events of a SQL projection on one worker thread of a catch-up ({@link Fold.Staged}): the {@code JSON_VALUE}s
 * of {@code data} are answered from one walk of the stored UTF-8 bytes ({@link PathSet}, as a scan's
 * {@code JsonExtracts} does), so {@code data} is decoded to text only where the definition reads it directly or the
 * event is upcast; every other extract as {@link EventContext#of} computes it. The answers are the same:
 * {@code PathSet} gives {@link JsonValueFunction}'s.
 */
final class EventPreparer implements Fold.Preparer {

    private final int[] fields;
    private final int width;
    private final JsonValueFunction[] extracts;
    private final int[] docs;
    private final int[] precisions;
    private final int[] scales;
    /** Per extract: its path's index among the distinct paths of data, or -1 (another column's). */
    private final int[] slots;
    /**
     * Per extract: whether its text is read only where a cast of it was left to Calcite
     * ({@link JsonExtractsOfEvent#fallbackTexts}); such a text of a walked path is made only when needed.
     */
    private final boolean[] fallback;
    private final PathSet data;
    private final String[] dataValues;
    private final EventView.Utf8Sink walk;
    private final Function<DataContext, GroupKey> evaluate;

    EventPreparer(SqlFold.Plan plan, Function<DataContext, GroupKey> evaluate) {
        this.evaluate = evaluate;
        this.width = plan.width();
        this.extracts = plan.extracts().toArray(new JsonValueFunction[0]);
        this.docs = plan.extractDocs().stream().mapToInt(Integer::intValue).toArray();
        this.precisions = plan.extractPrecisions().stream().mapToInt(Integer::intValue).toArray();
        this.scales = plan.extractScales().stream().mapToInt(Integer::intValue).toArray();
        List<String> distinct = new ArrayList<>();
        slots = new int[extracts.length];
        fallback = new boolean[extracts.length];
        boolean directData = plan.direct().get(EventsTable.DATA);
        for (int i = 0; i < extracts.length; i++) {
            String path = plan.extractPaths().get(i);
            if (docs[i] == EventsTable.DATA && !directData) {
                if (!distinct.contains(path)) {
                    distinct.add(path);
                }
                slots[i] = distinct.indexOf(path);
                fallback[i] = plan.fallbackTexts().get(i);
            } else {
                slots[i] = -1;
            }
        }
        // a path cast to DECIMAL takes a number's value from the document's bytes (DecimalText), not from its text
        boolean[] rawNumbers = new boolean[distinct.size()];
        for (int i = 0; i < extracts.length; i++) {
            if (slots[i] >= 0 && precisions[i] >= 0) {
                rawNumbers[slots[i]] = true;
            }
        }
        // data is read as text only if an expression or an extract not walked here reads it
        this.fields = distinct.isEmpty() ? plan.fields().toArray() : plan.fields().clear(EventsTable.DATA).toArray();
        this.data = new PathSet(rawNumbers, distinct.stream().map(JsonPath::compile).toArray(JsonPath[]::new));
        this.dataValues = new String[distinct.size()];
        this.walk = (b, off, len) -> data.values(b, off, off + len, dataValues);
    }

    @Override
    public Object prepare(ProjectionEvent event) {
        Object[] row = new Object[width];
        EventContext.columns(event, fields, row);
        if (dataValues.length > 0 && !event.dataUtf8(walk)) {
            data.values(event.data(), dataValues); // upcast: the upcast text
        }
        int base = width - extracts.length;
        boolean castLeft = false; // a cast of a walked path left to Calcite: the texts it falls back on are needed
        for (int i = 0; i < extracts.length; i++) {
            int slot = slots[i];
            if (slot < 0) {
                row[base + i] = EventContext.extract(extracts[i].eval((String) row[docs[i]]), precisions[i], scales[i]);
            } else if (precisions[i] >= 0) {
                Object value = data.numberFrom(slot) >= 0
                    ? DecimalText.parse(data.document(), data.numberFrom(slot), data.numberTo(slot), precisions[i],
                        scales[i])
                    : EventContext.extract(dataValues[slot], precisions[i], scales[i]);
                castLeft |= value == null;
                row[base + i] = value;
            }
        }
        for (int i = 0; i < extracts.length; i++) {
            int slot = slots[i];
            if (slot >= 0 && precisions[i] < 0 && (castLeft || !fallback[i])) {
                row[base + i] = data.numberFrom(slot) >= 0 ? data.printedNumber(slot) : dataValues[slot];
            }
        }
        return evaluate.apply(EventContext.ofRow(row));
    }
}
