package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: the fast path of a prepared read of one stream ({@code SELECT … FROM events WHERE stream_id = ?}, with or
 * without {@code seq}/{@code name} conditions, {@code ORDER BY seq [DESC]}, {@code AS OF}): recognised from the
 * finished plan, not the SQL text, when the plan is nothing but one {@link EnumerableLogTableScan} whose pushed values
 * are literals or parameters. The connection's {@code Meta} then runs an execution by calling the same {@link LogTable}
 * code the generated code would call and returns the rows as the statement's first and only frame, skipping Calcite's
 * per-execution set-up (its execution context, connection-property parsing, the generated code): about a third of a
 * 20-event read.
 *
 * <p>It takes only parameter values whose meaning is plain (a {@code String} for text, a {@code Long} for a number);
 * anything else, a {@code NULL}, returns {@code null} and Calcite runs the statement as usual. {@code FastPathTest}
 * holds both paths to the same results. Immutable; one per prepared statement. Public for the {@code Meta}, in
 * {@code dev.hindsight.sql.jdbc}.
 */
public final class ScanFastPath implements FastPath {

    private final LogTable table;
    /** Per pushed value (streamId, seqLo, seqHi, name, asOfTs, asOfSeq): a constant, or a {@link Param}. */
    private final Object[] pushed;
    private final int[] fields;
    private final boolean descending;
    private final int columnCount;

    private ScanFastPath(LogTable table, Object[] pushed, int[] fields, boolean descending, int columnCount) {
        this.table = table;
        this.columnCount = columnCount;
        this.pushed = pushed;
        this.fields = fields;
        this.descending = descending;
    }

    /** A parameter: its index, and whether it is a number ({@code Long}) or text ({@code String}). */
    private record Param(int index, boolean number) {
    }

    /** The fast path of the plan Calcite is about to implement, or {@code null} if it does not qualify. */
    static @Nullable ScanFastPath recognise(RelRoot root) {
        if (!(root.rel instanceof EnumerableLogTableScan scan) || !root.isRefTrivial()
            || root.fields.size() != scan.getRowType().getFieldCount()) {
            return null;
        }
        LogTableScan logical = scan.logical();
        if (logical.streamId == null || logical.tsLo != null || logical.tsHi != null || !logical.needles.isEmpty()
            || !logical.extracts.isEmpty()) {
            return null; // only one-stream reads; ts bounds need the time index per execution, through Calcite
        }
        RexNode[] values = {logical.streamId, logical.seqLo, logical.seqHi, logical.name, logical.asOfTs,
            logical.asOfSeq};
        boolean[] numbers = {false, true, true, false, true, true};
        Object[] pushed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            RexNode value = values[i];
            if (value == null) {
                continue;
            }
            if (value instanceof RexDynamicParam p
                && (numbers[i] ? p.getType().getSqlTypeName() == SqlTypeName.BIGINT : isPlain(p.getType(), false))) {
                pushed[i] = new Param(p.getIndex(), numbers[i]);
            } else if (value instanceof RexLiteral literal && !literal.isNull()
                && isPlain(literal.getType(), numbers[i])) {
                pushed[i] = numbers[i] ? literal.getValueAs(Long.class) : literal.getValueAs(String.class);
            } else {
                return null; // an expression: only generated code evaluates it exactly as Calcite does
            }
        }
        int[] fields = logical.fields == null ? null : logical.fields.toIntArray();
        return new ScanFastPath(logical.logTable, pushed, fields, logical.descending,
            scan.getRowType().getFieldCount());
    }

    private static boolean isPlain(RelDataType type, boolean number) {
        return number ? SqlTypeName.INT_TYPES.contains(type.getSqlTypeName())
            : type.getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER;
    }

    /**
     * Whether the signature Calcite made from the plan passes rows as arrays of all the scan's columns (one column
     * comes as a scalar instead: that is left to Calcite).
     *
     * @param arrays  whether the signature's rows are arrays (its cursor's style)
     * @param columns the number of columns of the signature
     */
    public boolean fits(boolean arrays, int columns) {
        return arrays && columns == columnCount;
    }

    /**
     * The rows of an execution with {@code parameters} (in their local form, all set), or {@code null} if one of them
     * is not plain and Calcite must run the statement.
     */
    public @Nullable List<Object> rows(Object[] parameters) {
        Object[] values = new Object[pushed.length];
        for (int i = 0; i < pushed.length; i++) {
            if (pushed[i] instanceof Param p) {
                Object value = parameters[p.index()];
                if (p.number() ? !(value instanceof Long) : !(value instanceof String)) {
                    return null;
                }
                values[i] = value;
            } else {
                values[i] = pushed[i];
            }
        }
        List<Object> rows = new ArrayList<>();
        for (Object[] row : table.scanStream((String) values[0], values[1], values[2], values[3], values[4],
            values[5], fields, descending)) {
            rows.add(row);
        }
        return rows;
    }
}
