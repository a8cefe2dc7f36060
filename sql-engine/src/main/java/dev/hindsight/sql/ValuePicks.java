package dev.hindsight.sql;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A projection's values of one event read straight from its row, where each value is a column of it (an event column
 * such as {@code stream_id}, a JSON value) or a DECIMAL cast of a JSON value that {@link DecimalText} answered
 * ({@link JsonExtractsOfEvent}'s {@code CASE WHEN cached IS NOT NULL THEN cached ELSE CAST(text …) END}).
 *
 * <p>Why: Calcite generates a class per definition, so the fold's hot loop calls a new class with every
 * {@code CREATE PROJECTION}; the JIT throws its compiled loop away for each, and once several definitions run it
 * cannot inline the call at all. Where a value needs real evaluation (a cast that must round, or fail), the
 * definition's generated code answers the whole event, exactly as without this.
 */
final class ValuePicks implements Function1<DataContext, Object[]> {

    /** Per value: the row column it is. */
    private final int[] columns;
    /** Per value: whether NULL in its column means the generated code must answer (a cast DecimalText left). */
    private final boolean[] cached;
    private final Function1<DataContext, Object[]> generated;

    private ValuePicks(int[] columns, boolean[] cached, Function1<DataContext, Object[]> generated) {
        this.columns = columns;
        this.cached = cached;
        this.generated = generated;
    }

    /** Picks for {@code exprs} (over the event row) if each is a column or a cached cast, else {@code generated}. */
    static Function1<DataContext, Object[]> of(List<RexNode> exprs, Function1<DataContext, Object[]> generated) {
        int[] columns = new int[exprs.size()];
        boolean[] cached = new boolean[exprs.size()];
        for (int i = 0; i < columns.length; i++) {
            RexNode e = exprs.get(i);
            if (e instanceof RexInputRef ref) {
                columns[i] = ref.getIndex();
            } else {
                Integer column = cachedCast(e);
                if (column == null) {
                    return generated;
                }
                columns[i] = column;
                cached[i] = true;
            }
        }
        return new ValuePicks(columns, cached, generated);
    }

    /** The cached column of {@code CASE WHEN $c IS NOT NULL THEN $c ELSE … END}, or null if not that shape. */
    private static @Nullable Integer cachedCast(RexNode e) {
        if (!(e instanceof RexCall call) || call.getKind() != SqlKind.CASE || call.getOperands().size() != 3) {
            return null;
        }
        List<RexNode> ops = call.getOperands();
        if (ops.get(0) instanceof RexCall test && test.getKind() == SqlKind.IS_NOT_NULL
            && test.getOperands().get(0) instanceof RexInputRef tested && ops.get(1) instanceof RexInputRef then
            && tested.getIndex() == then.getIndex()) {
            return then.getIndex();
        }
        return null;
    }

    @Override
    public Object[] apply(DataContext context) {
        Object[] row = (Object[]) context.get("inputRecord");
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Object v = row[columns[i]];
            if (v == null && cached[i]) {
                return generated.apply(context);
            }
            values[i] = v;
        }
        return values;
    }
}
