package dev.hindsight.sql;

import dev.hindsight.sql.json.JsonValueFunction;
import dev.hindsight.sql.json.JsonValueRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * The fast {@code JSON_VALUE}s of a projection's expressions, taken out of them: each distinct
 * {@code (column, literal path)} becomes an extra input column after the event's, computed once per event by a
 * {@link JsonValueFunction} made once per definition (the walks of one document share its member index). Calcite's
 * expression executor would otherwise build the function, and compile its path, again for every event.
 */
final class JsonExtractsOfEvent {

    private final RexBuilder rex;
    private final int width;
    private final Map<String, Integer> byKey = new HashMap<>();
    private final List<JsonValueFunction> functions = new ArrayList<>();
    private final List<Integer> docs = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final List<RelDataType> types = new ArrayList<>();

    JsonExtractsOfEvent(RexBuilder rex, int width) {
        this.rex = rex;
        this.width = width;
    }

    /** {@code expr} with its fast JSON_VALUEs of event columns replaced by references to extra columns. */
    RexNode extract(RexNode expr) {
        return expr == null ? null : expr.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                if (call.getOperator().getName().equals(JsonValueRule.FAST_NAME) && call.getOperands().size() == 2
                    && call.getOperands().get(0) instanceof RexInputRef doc
                    && call.getOperands().get(1) instanceof RexLiteral literal
                    && literal.getValueAs(String.class) != null) {
                    String path = literal.getValueAs(String.class);
                    int i = byKey.computeIfAbsent(doc.getIndex() + ":" + path, k -> {
                        functions.add(JsonValueFunction.of(path));
                        docs.add(doc.getIndex());
                        paths.add(path);
                        types.add(call.getType());
                        return functions.size() - 1;
                    });
                    return rex.makeInputRef(types.get(i), width + i);
                }
                return super.visitCall(call);
            }
        });
    }

    /** The events row type with the extra columns after it. */
    RelDataType rowType(RelDataType events, RelDataTypeFactory factory) {
        RelDataTypeFactory.Builder b = factory.builder().addAll(events.getFieldList());
        for (int i = 0; i < types.size(); i++) {
            b.add("$json" + i, types.get(i));
        }
        return b.build();
    }

    List<JsonValueFunction> functions() {
        return List.copyOf(functions);
    }

    /** The path each extra column reads. */
    List<String> paths() {
        return List.copyOf(paths);
    }

    /** The event column each extra column reads. */
    List<Integer> docs() {
        return List.copyOf(docs);
    }
}
