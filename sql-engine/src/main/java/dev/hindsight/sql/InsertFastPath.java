package dev.hindsight.sql;

import dev.hindsight.log.AppendRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Internal: the fast path of a prepared single-row {@code INSERT INTO events (...) VALUES (?, ..., 'literal', ...)}:
 * recognised once when the statement is prepared, then executed by building the append straight from the parameters,
 * without Calcite's generated code (a few µs instead of tens). It is recognised from the statement Calcite parsed,
 * before validation (a statement that then fails validation never gets it). It only takes statements and parameter
 * values whose meaning is plain (a string for a text column, an integer for a number column, NULL); anything else
 * returns {@code null} and the statement runs through Calcite as usual. {@code FastPathTest} holds the two paths to the
 * same results. Public for the connection's {@code Meta}, in {@code dev.hindsight.sql.jdbc}, which runs it.
 */
public final class InsertFastPath implements FastPath {

    private static final int ABSENT = -2;
    private static final int LITERAL = -1;
    /** A left-out {@code schema_version}'s value, as {@code EventsColumnDefaults} gives it on Calcite's path. */
    private static final Integer DEFAULT_SCHEMA_VERSION = 1;

    /** For each column of {@code events}: ABSENT, LITERAL (value in {@link #literals}) or the parameter index. */
    private final int[] sources = new int[EventsTable.EXPECTED_VERSION + 1];
    private final Object[] literals = new Object[sources.length];

    private InsertFastPath() {
        Arrays.fill(sources, ABSENT);
    }

    /** The fast path of the parsed statement {@code node}, or {@code null} if it is not a plain single-row INSERT. */
    static InsertFastPath recognise(SqlNode node) {
        if (!(node instanceof SqlInsert insert) || !(insert.getTargetTable() instanceof SqlIdentifier table)
            || !table.names.get(table.names.size() - 1).equalsIgnoreCase("events")
            || insert.getTargetColumnList() == null || insert.getSource().getKind() != SqlKind.VALUES) {
            return null;
        }
        List<SqlNode> rows = ((SqlCall) insert.getSource()).getOperandList();
        if (rows.size() != 1 || !(rows.get(0) instanceof SqlCall row)) {
            return null;
        }
        SqlNodeList columns = insert.getTargetColumnList();
        if (row.getOperandList().size() != columns.size()) {
            return null;
        }
        InsertFastPath path = new InsertFastPath();
        for (int i = 0; i < columns.size(); i++) {
            int column = column(((SqlIdentifier) columns.get(i)).getSimple().toLowerCase(Locale.ROOT));
            if (column < 0 || path.sources[column] != ABSENT) {
                return null;
            }
            SqlNode value = row.getOperandList().get(i);
            if (value instanceof SqlDynamicParam p) {
                path.sources[column] = p.getIndex();
            } else if (value instanceof SqlLiteral literal && plainLiteral(literal, column)) {
                path.sources[column] = LITERAL;
                path.literals[column] = literalValue(literal);
            } else {
                return null;
            }
        }
        return path;
    }

    /**
     * The literals of a plain single-row INSERT ({@link #recognise}) that could be its parameters instead: every one
     * but {@code NULL}, whose type a parameter would not keep ({@link LiftedStatement} leaves more as they are).
     * {@code null} if the statement is no such INSERT or has parameters of its own. The {@link PlanCache} shares one
     * plan between the INSERTs that differ only in those.
     */
    static @Nullable List<SqlLiteral> liftable(SqlNode node) {
        InsertFastPath path = recognise(node);
        if (path == null || Arrays.stream(path.sources).anyMatch(s -> s >= 0)) {
            return null;
        }
        List<SqlNode> values = ((SqlCall) ((SqlCall) ((SqlInsert) node).getSource()).operand(0)).getOperandList();
        List<SqlLiteral> literals = new ArrayList<>(values.size());
        for (SqlNode value : values) {
            if (((SqlLiteral) value).getTypeName() != SqlTypeName.NULL) {
                literals.add((SqlLiteral) value);
            }
        }
        return literals;
    }

    private static int column(String name) {
        return switch (name) {
            case "stream_id" -> EventsTable.STREAM_ID;
            case "entity_type" -> EventsTable.ENTITY_TYPE;
            case "name" -> EventsTable.NAME;
            case "schema_version" -> EventsTable.SCHEMA_VERSION;
            case "data" -> EventsTable.DATA;
            case "metadata" -> EventsTable.METADATA;
            case "expected_version" -> EventsTable.EXPECTED_VERSION;
            default -> -1; // server-assigned or unknown: Calcite's path says why
        };
    }

    private static boolean numeric(int column) {
        return column == EventsTable.SCHEMA_VERSION || column == EventsTable.EXPECTED_VERSION;
    }

    private static boolean plainLiteral(SqlLiteral literal, int column) {
        SqlTypeName type = literal.getTypeName();
        if (type == SqlTypeName.NULL) {
            return true;
        }
        if (!numeric(column)) {
            return type == SqlTypeName.CHAR;
        }
        if (type != SqlTypeName.DECIMAL) {
            return false; // text ('5') or another type: Calcite's path casts or refuses it
        }
        // a whole number the column's type holds; another is Calcite's path's 22003 (4294967298 for schema_version
        // was stored as 2 here)
        BigDecimal value = literal.bigDecimalValue();
        boolean integer = column == EventsTable.SCHEMA_VERSION;
        return value.scale() == 0
            && value.compareTo(BigDecimal.valueOf(integer ? Integer.MIN_VALUE : Long.MIN_VALUE)) >= 0
            && value.compareTo(BigDecimal.valueOf(integer ? Integer.MAX_VALUE : Long.MAX_VALUE)) <= 0;
    }

    private static Object literalValue(SqlLiteral literal) {
        if (literal.getTypeName() == SqlTypeName.NULL) {
            return null;
        }
        return literal.getTypeName() == SqlTypeName.CHAR ? literal.getValueAs(String.class)
            : literal.bigDecimalValue().longValueExact();
    }

    /**
     * The append for these parameter values (0-based), or {@code null} if a value is not plain (the caller then
     * runs the statement through Calcite).
     *
     * @throws RuntimeException with SQLState 22023 ({@code SqlErrors}) for what Calcite's path refuses too
     */
    public AppendRequest request(Object[] params) {
        Object[] row = new Object[sources.length];
        for (int c = 0; c < sources.length; c++) {
            Object v = sources[c] == ABSENT ? (c == EventsTable.SCHEMA_VERSION ? DEFAULT_SCHEMA_VERSION : null)
                : sources[c] == LITERAL ? literals[c] : params[sources[c]];
            if (v != null && (numeric(c) ? !(v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte) : !(v instanceof String))) {
                return null;
            }
            if (c == EventsTable.SCHEMA_VERSION && v instanceof Long l && l.intValue() != l) {
                return null; // an INTEGER column: Calcite's path refuses it (22003), not stores its low bits
            }
            row[c] = v;
        }
        return EventsTable.request(row);
    }
}
