package dev.hindsight.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The fast path of a prepared read of one stream ({@code SELECT … FROM events WHERE stream_id = ?}, with or without
 * {@code seq}/{@code name} conditions, {@code ORDER BY seq [DESC]}, {@code AS OF}): recognised from the finished plan,
 * not the SQL text, when the plan is nothing but one {@link EnumerableLogTableScan} whose pushed values are literals
 * or parameters. An execution then calls the same {@link LogTable} code the generated code would call and hands the
 * rows to a result set built from the statement's own signature, skipping Calcite's per-execution set-up (its
 * execution context, connection-property parsing, the generated code): about a third of a 20-event read.
 *
 * <p>It takes only parameter values whose meaning is plain (a {@code String} for text, a {@code Long} for a number);
 * anything else, a {@code NULL}, {@code setMaxRows}, returns {@code null} and Calcite runs the statement as usual.
 * {@code FastPathTest} holds both paths to the same results.
 */
final class ScanFastPath {

    /** The fast path found while preparing on this thread, picked up by the statement being created. */
    private static final ThreadLocal<ScanFastPath> PREPARED = new ThreadLocal<>();

    private final LogTable table;
    /** Per pushed value (streamId, seqLo, seqHi, name, asOfTs, asOfSeq): a constant, or a {@link Param}. */
    private final Object[] pushed;
    private final int[] fields;
    private final boolean descending;
    private final int parameterCount;
    private final int columnCount;
    private CalcitePrepare.@Nullable CalciteSignature<?> signature;

    private ScanFastPath(LogTable table, Object[] pushed, int[] fields, boolean descending, int parameterCount,
                         int columnCount) {
        this.table = table;
        this.columnCount = columnCount;
        this.pushed = pushed;
        this.fields = fields;
        this.descending = descending;
        this.parameterCount = parameterCount;
    }

    /** A parameter: its index, and whether it is a number ({@code Long}) or text ({@code String}). */
    private record Param(int index, boolean number) {
    }

    /** Looks at the plan Calcite is about to implement; remembers it for {@link #take} if it qualifies. */
    static void offer(RelRoot root) {
        PREPARED.remove();
        if (!(root.rel instanceof EnumerableLogTableScan scan) || !root.isRefTrivial()
            || root.fields.size() != scan.getRowType().getFieldCount()) {
            return;
        }
        LogTableScan logical = scan.logical();
        if (logical.streamId == null || logical.tsLo != null || logical.tsHi != null || !logical.needles.isEmpty()
            || !logical.extracts.isEmpty()) {
            return; // only one-stream reads; ts bounds need the time index per execution, through Calcite
        }
        RexNode[] values = {logical.streamId, logical.seqLo, logical.seqHi, logical.name, logical.asOfTs,
            logical.asOfSeq};
        boolean[] numbers = {false, true, true, false, true, true};
        Object[] pushed = new Object[values.length];
        int parameters = 0;
        for (int i = 0; i < values.length; i++) {
            RexNode value = values[i];
            if (value == null) {
                continue;
            }
            if (value instanceof RexDynamicParam p
                && (numbers[i] ? p.getType().getSqlTypeName() == SqlTypeName.BIGINT : isPlain(p.getType(), false))) {
                pushed[i] = new Param(p.getIndex(), numbers[i]);
                parameters = Math.max(parameters, p.getIndex() + 1);
            } else if (value instanceof RexLiteral literal && !literal.isNull()
                && isPlain(literal.getType(), numbers[i])) {
                pushed[i] = numbers[i] ? literal.getValueAs(Long.class) : literal.getValueAs(String.class);
            } else {
                return; // an expression: only generated code evaluates it exactly as Calcite does
            }
        }
        int[] fields = logical.fields == null ? null : logical.fields.toIntArray();
        PREPARED.set(new ScanFastPath(logical.logTable, pushed, fields, logical.descending, parameters,
            scan.getRowType().getFieldCount()));
    }

    private static boolean isPlain(RelDataType type, boolean number) {
        return number ? SqlTypeName.INT_TYPES.contains(type.getSqlTypeName())
            : type.getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER;
    }

    /** Forgets what an earlier preparation on this thread left behind. */
    static void clear() {
        PREPARED.remove();
    }

    /** Attaches the signature Calcite made from the plan {@link #offer}ed last on this thread, if any. */
    static void signed(CalcitePrepare.CalciteSignature<?> signature) {
        ScanFastPath path = PREPARED.get();
        if (path != null) {
            if (signature.cursorFactory.style == Meta.Style.ARRAY && signature.columns.size() == path.columnCount) {
                path.signature = signature;
            } else {
                PREPARED.remove(); // one column comes as a scalar, not an array: leave it to Calcite
            }
        }
    }

    /** The fast path of the statement just prepared on this thread for {@code sql}, or {@code null}. */
    static @Nullable ScanFastPath take(String sql) {
        ScanFastPath path = PREPARED.get();
        PREPARED.remove();
        return path != null && path.signature != null && sql.equals(path.signature.sql) ? path : null;
    }

    int parameterCount() {
        return parameterCount;
    }

    /**
     * Runs the read with {@code parameters} (all set), or returns {@code null} if one of them is not plain and Calcite
     * must run the statement.
     */
    @Nullable ResultSet execute(AvaticaPreparedStatement statement, TimeZone timeZone, Object[] parameters)
            throws SQLException {
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
        CalcitePrepare.CalciteSignature<?> s = signature;
        AvaticaResultSet resultSet = new AvaticaResultSet(statement, new QueryState(s.sql), s, statement.getMetaData(),
            timeZone, null);
        return resultSet.execute2(MetaImpl.createCursor(s.cursorFactory, rows), s.columns);
    }
}
