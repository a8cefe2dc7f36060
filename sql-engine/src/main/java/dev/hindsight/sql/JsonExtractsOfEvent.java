package dev.hindsight.sql;

import dev.hindsight.sql.json.JsonValueFunction;
import dev.hindsight.sql.json.JsonValueRule;
import java.util.ArrayList;
import java.util.BitSet;
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
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

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
    private final List<Integer> precisions = new ArrayList<>();
    private final List<Integer> scales = new ArrayList<>();
    /** The extra columns an expression reads other than as the fallback of a cached cast. */
    private final BitSet readDirectly = new BitSet();

    JsonExtractsOfEvent(RexBuilder rex, int width) {
        this.rex = rex;
        this.width = width;
    }

    /** {@code expr} with its fast JSON_VALUEs of event columns replaced by references to extra columns. */
    RexNode extract(RexNode expr) {
        return expr == null ? null : expr.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                RexNode cast = cast(call);
                if (cast != null) {
                    return cast;
                }
                if (isFast(call)) {
                    RexInputRef text = ref(call, call.getType(), -1, 0);
                    readDirectly.set(text.getIndex() - width);
                    return text;
                }
                return super.visitCall(call);
            }
        });
    }

    private static boolean isFast(RexNode node) {
        return node instanceof RexCall call && call.getOperator().getName().equals(JsonValueRule.FAST_NAME)
            && call.getOperands().size() == 2 && call.getOperands().get(0) instanceof RexInputRef
            && call.getOperands().get(1) instanceof RexLiteral literal && literal.getValueAs(String.class) != null;
    }

    /**
     * {@code CAST(fast JSON_VALUE AS DECIMAL(p, s))} as {@code CASE WHEN cached IS NOT NULL THEN cached ELSE CAST(text
     * ..) END}: the cached column is {@link DecimalText}'s quick answer, NULL where Calcite's cast must run (to round,
     * or to fail, on the row and only if the row gets that far, as without the cache); else null.
     */
    private RexNode cast(RexCall call) {
        if (!JsonExtracts.isDecimalCast(call) || call.getOperands().size() != 1
            || !isFast(call.getOperands().get(0))) {
            return null;
        }
        RexCall json = (RexCall) call.getOperands().get(0);
        RexNode text = ref(json, json.getType(), -1, 0);
        RelDataType nullable = rex.getTypeFactory().createTypeWithNullability(call.getType(), true);
        RexNode cached = ref(json, nullable, call.getType().getPrecision(), call.getType().getScale());
        return rex.makeCall(call.getType(), SqlStdOperatorTable.CASE,
            List.of(rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, cached), cached,
                call.clone(call.getType(), List.of(text))));
    }

    /** The extra column of JSON_VALUE {@code call}, as text (precision -1) or cast to DECIMAL(precision, scale). */
    private RexInputRef ref(RexCall call, RelDataType type, int precision, int scale) {
        RexInputRef doc = (RexInputRef) call.getOperands().get(0);
        String path = ((RexLiteral) call.getOperands().get(1)).getValueAs(String.class);
        int i = byKey.computeIfAbsent(doc.getIndex() + ":" + path + ":" + precision + "," + scale, k -> {
            functions.add(JsonValueFunction.of(path));
            docs.add(doc.getIndex());
            paths.add(path);
            types.add(type);
            precisions.add(precision);
            scales.add(scale);
            return functions.size() - 1;
        });
        return rex.makeInputRef(types.get(i), width + i);
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

    /** Per extra column: the precision of the DECIMAL its text is cast to ({@link DecimalText}), or -1 for text. */
    List<Integer> precisions() {
        return List.copyOf(precisions);
    }

    /**
     * The text columns read only as the {@code ELSE} of cached casts: such a column is needed for an event only where
     * one of its casts was left to Calcite (its cached column NULL).
     */
    ImmutableBitSet fallbackTexts() {
        ImmutableBitSet.Builder b = ImmutableBitSet.builder();
        for (int i = 0; i < precisions.size(); i++) {
            if (precisions.get(i) < 0 && !readDirectly.get(i)) {
                b.set(i);
            }
        }
        return b.build();
    }

    /** Per extra column: the scale of its DECIMAL. */
    List<Integer> scales() {
        return List.copyOf(scales);
    }

    /** The event column each extra column reads. */
    List<Integer> docs() {
        return List.copyOf(docs);
    }
}
