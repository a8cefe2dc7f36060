package dev.hindsight.sql;

import dev.hindsight.log.EventView;
import dev.hindsight.sql.json.ExactJsonOperators;
import dev.hindsight.sql.json.JsonPath;
import dev.hindsight.sql.json.JsonValueRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Skips events whose stored JSON cannot satisfy {@code JSON_VALUE(data, path) = 'text'} before anything is decoded:
 * if the value at the path is the string {@code text}, the document's UTF-8 bytes hold the bytes of {@code text},
 * unless the document writes it with escapes. So an event is skipped only when its bytes hold neither {@code text}
 * nor any backslash. The condition itself is still evaluated on the events kept (the needle only narrows), and a text
 * that looks like a number is never a needle: {@code JSON_VALUE} prints a number as its plain numeral, which need not
 * be in the document's bytes ({@code 1e2} as {@code 100}).
 */
final class JsonPrefilter {

    private final int[] columns;
    private final byte[][] needles;

    /** A needle: the table column ({@code data} or {@code metadata}) whose JSON must contain {@code text}. */
    record Needle(int column, String text) {
        @Override
        public String toString() {
            return (column == EventsTable.DATA ? "data" : "metadata") + ":'" + text + "'";
        }
    }

    private JsonPrefilter(int[] columns, String[] texts) {
        this.columns = columns;
        this.needles = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            needles[i] = texts[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The prefilter of a scan's needles ({@code columns[i]} must contain {@code texts[i]}), or {@code null}. */
    static JsonPrefilter of(int[] columns, String[] texts) {
        return columns == null || columns.length == 0 ? null : new JsonPrefilter(columns, texts);
    }

    /** Whether {@code event} may satisfy the conditions; {@code false} only if it certainly cannot. */
    boolean mayMatch(EventView event) {
        for (int i = 0; i < needles.length; i++) {
            boolean may = columns[i] == EventsTable.METADATA ? event.metadataMayHold(needles[i])
                : event.dataMayHold(needles[i]);
            if (!may) {
                return false;
            }
        }
        return true;
    }

    /**
     * The needle of one conjunct of a filter over {@code scan}: {@code JSON_VALUE(col, path) = 'text'} (either side,
     * Calcite's function or the fast one) on the {@code data} or {@code metadata} column of {@code events}; else
     * {@code null}.
     */
    static Needle needleOf(RexNode conjunct, LogTableScan scan) {
        if (!(scan.logTable instanceof EventsTable) || conjunct.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> sides = ((RexCall) conjunct).getOperands();
        for (int i = 0; i < 2; i++) {
            if (sides.get(i) instanceof RexCall json && isJsonValue(json)
                && json.getOperands().get(0) instanceof RexInputRef ref
                && sides.get(1 - i) instanceof RexLiteral literal
                && literal.getType().getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER) {
                int column = scan.tableColumn(ref.getIndex());
                // trailing blanks may be ignored by a CHAR comparison: the needle does without them
                String text = literal.getValueAs(String.class);
                text = text == null ? null : text.stripTrailing();
                if ((column == EventsTable.DATA || column == EventsTable.METADATA) && text != null
                    && !text.isEmpty() && !looksNumeric(text)) {
                    return new Needle(column, text);
                }
            }
        }
        return null;
    }

    /**
     * {@code JSON_VALUE(x, 'plain member path')}: only such a path gives a value that is a piece of the document
     * (Calcite's JSONPath engine also runs functions, e.g. {@code $.concat($.a, $.b)}, whose text is nowhere in it).
     */
    private static boolean isJsonValue(RexCall call) {
        boolean jsonValue = (ExactJsonOperators.isJsonValue(call) && call.getOperands().size() == 2)
            || call.getOperator().getName().equals(JsonValueRule.FAST_NAME);
        String path = jsonValue && call.getOperands().get(1) instanceof RexLiteral literal
            ? literal.getValueAs(String.class) : null;
        return path != null && JsonPath.compile(path) != null;
    }

    /**
     * Whether {@code text} could be how JSON_VALUE prints a number (then its bytes need not be in the document:
     * {@code 1e2} prints as {@code 100}): digits, signs, a point, an exponent.
     */
    private static boolean looksNumeric(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }
}
