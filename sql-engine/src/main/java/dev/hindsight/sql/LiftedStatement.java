package dev.hindsight.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An ad-hoc statement with the literals whose value cannot change its plan lifted out as typed parameters, so that
 * statements differing only in those values share one prepared plan ({@link PlanCache}): the literals compared with
 * {@code =, <>, <, <=, >, >=}, {@code IN}, {@code BETWEEN}, {@code LIKE} patterns, and {@code AS OF} points.
 *
 * <pre>
 *   SELECT COUNT(*) FROM events WHERE stream_id = 'o-42' AND seq &lt; 100
 *   shape:  SELECT COUNT(*) FROM events WHERE stream_id = CAST(? AS VARCHAR) AND seq &lt; CAST(? AS INTEGER)
 *   values: 'o-42', 100
 * </pre>
 *
 * <p>The shape is the original text with each lifted literal replaced in place (never re-printed from the tree, so
 * nothing but the literals can change), as {@code CAST(? AS type)}: a bare {@code ?} would take the type of the other
 * operand, binding {@code 1.5} into an INTEGER column's type. The type is in the shape text, and so is an IN-list's
 * length. Left as they are: select-list literals, {@code LIMIT}/{@code OFFSET}, intervals, {@code NULL},
 * {@code TRUE}/{@code FALSE}, text with trailing blanks (CHAR comparison pads), and literals compared with a
 * {@code JSON_VALUE} (the scan prefilters documents by such a literal's bytes, which a parameter would lose).
 * Since a lifted literal is a parameter when the plan is made, no plan can fold its value.
 *
 * <p>An {@code INSERT} is lifted when it is one a prepared statement appends without Calcite
 * ({@link InsertFastPath}): its {@code VALUES} literals become bare {@code ?}, typed by their columns, and the plan
 * it shares is that fast path.
 *
 * <pre>
 *   INSERT INTO events (stream_id, name, data) VALUES ('o-42', 'placed', '{}')
 *   shape:  INSERT INTO events (stream_id, name, data) VALUES (?, ?, ?)
 * </pre>
 *
 * <p>The values are in the local form Calcite's generated code reads a parameter in ({@code DataContext.get("?0")}):
 * the form Avatica's {@code TypedValue.toLocal} gives a value a JDBC client bound with the literal's type.
 */
record LiftedStatement(String shape, List<Object> values, List<Span> spans) {

    /** Where a lifted literal stood in the text ({@code [start, end)}), and whether it is an AS OF SEQUENCE point. */
    record Span(int start, int end, boolean sequence) {
    }

    private static final Set<SqlKind> COMPARED = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
        SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.BETWEEN,
        SqlKind.IN, SqlKind.NOT_IN);
    /**
     * An {@code IN} list this long is not lifted, and its statement not shared: such a list is seldom sent again with
     * the same length, and left out of the cache it pushes no other shape out. Its literals are planned as one table
     * ({@link ValueLists}, which takes lists from this length on too).
     */
    static final int LONG_LIST = 20;
    /** The mark of a text seen before that cannot be shared: it is not parsed again. */
    static final LiftedStatement NOT_SHARED = new LiftedStatement("", List.of(), List.of());

    /** Whether this is a shareable shape, not {@link #NOT_SHARED}: a lifted query always has some text. */
    boolean shared() {
        return !shape().isEmpty();
    }

    /**
     * {@code sql} lifted, or {@code null} if it cannot be shared: it does not parse (Calcite then says why), it is
     * neither a query nor a plain INSERT, or it has parameters of its own.
     */
    static @Nullable LiftedStatement lift(String sql, SqlParser.Config parserConfig) {
        SqlNode statement;
        try {
            statement = SqlParser.create(sql, parserConfig).parseQuery();
        } catch (SqlParseException e) {
            return null;
        }
        List<Lift> lifts;
        if (statement.getKind() == SqlKind.INSERT) {
            List<SqlLiteral> values = InsertFastPath.liftable(statement);
            if (values == null) {
                return null;
            }
            lifts = new ArrayList<>(values.size());
            for (SqlLiteral value : values) {
                if (liftable(value)) { // a bare ?: its type is its column's
                    lifts.add(new Lift(value.getParserPosition(), "?", valueOf(value), false));
                }
            }
        } else if (statement.getKind().belongsTo(SqlKind.QUERY) || statement.getKind() == SqlKind.ORDER_BY) {
            Finder finder = new Finder();
            statement.accept(finder);
            if (finder.hasParameters || finder.notShared) {
                return null;
            }
            lifts = finder.lifted;
        } else {
            return null;
        }
        lifts.sort(Comparator.comparingInt((Lift l) -> l.pos.getLineNum()).thenComparingInt(l -> l.pos.getColumnNum()));
        StringBuilder shape = new StringBuilder(sql.length() + 16 * lifts.size());
        List<Object> values = new ArrayList<>(lifts.size());
        List<Span> spans = new ArrayList<>(lifts.size());
        int copied = 0;
        for (Lift lift : lifts) {
            int start = index(sql, lift.pos.getLineNum(), lift.pos.getColumnNum());
            int end = index(sql, lift.pos.getEndLineNum(), lift.pos.getEndColumnNum()) + 1;
            if (start < copied || end > sql.length()) {
                return null; // positions we cannot splice by: do not share
            }
            shape.append(sql, copied, start).append(lift.replacement);
            values.add(lift.value);
            spans.add(new Span(start, end, lift.sequence));
            copied = end;
        }
        shape.append(sql, copied, sql.length());
        return new LiftedStatement(shape.toString(), List.copyOf(values), List.copyOf(spans));
    }

    /**
     * The index in {@code sql} of the parser's {@code line} and {@code column} (both from 1), -1 past its lines,
     * counting line ends as Calcite's lexer does: {@code \n}, {@code \r\n} and a lone {@code \r}.
     * {@code SqlParserUtil.lineColToIndex} counts {@code \n} alone, so a literal after a lone {@code \r} was spliced
     * at another's place ({@code SELECT seq, 3 FROM events\rWHERE seq = 5} answered 5 for the 3).
     */
    static int index(String sql, int line, int column) {
        int i = 0;
        for (int at = 1; at < line; at++) {
            while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                i++;
            }
            if (i == sql.length()) {
                return -1;
            }
            i += sql.startsWith("\r\n", i) ? 2 : 1;
        }
        return i + column - 1;
    }

    /** One literal to lift: where it is in the text, what replaces it there, its value, if an AS OF SEQUENCE point. */
    private record Lift(SqlParserPos pos, String replacement, Object value, boolean sequence) {

        /** A compared literal: {@code CAST(? AS type)}. */
        static Lift compared(SqlNode node) {
            SqlLiteral literal = resolved(node);
            return new Lift(node.getParserPosition(), "CAST(? AS " + typeOf(literal) + ")", valueOf(literal), false);
        }
    }

    /** Finds the literals to lift, and any parameter of the statement's own or a list too long to lift. */
    private static final class Finder extends SqlBasicVisitor<Void> {
        final List<Lift> lifted = new ArrayList<>();
        boolean hasParameters;
        boolean notShared;

        @Override
        public Void visit(SqlDynamicParam param) {
            hasParameters = true;
            return null;
        }

        @Override
        public Void visit(SqlCall call) {
            if (call instanceof SqlSnapshot snapshot) {
                // the grammar's own parameter forms: AS OF TIMESTAMP ? and AS OF SEQUENCE ?
                SqlNode period = snapshot.getPeriod();
                if (resolved(period) instanceof SqlTimestampLiteral) {
                    lifted.add(new Lift(period.getParserPosition(), "TIMESTAMP ?", valueOf(resolved(period)), false));
                } else if (period instanceof SqlCall c && c.operandCount() == 1
                    && c.operand(0) instanceof SqlNumericLiteral n && n.isExact() && n.getScale() == 0
                    && liftable(n)) {
                    lifted.add(new Lift(n.getParserPosition(), "?", sequenceValue(n), true));
                }
            } else if ((COMPARED.contains(call.getKind()) || call.getKind() == SqlKind.LIKE) && !hasJson(call)) {
                List<SqlNode> operands = call.getOperandList();
                for (int i = 0; i < operands.size(); i++) {
                    SqlNode operand = operands.get(i);
                    if (call.getKind() == SqlKind.LIKE && i != 1) {
                        continue; // the pattern only, not the escape character
                    }
                    if (operand instanceof SqlNodeList list && list.size() >= LONG_LIST) {
                        notShared = true;
                    } else if (operand instanceof SqlNodeList list && call.getKind() != SqlKind.LIKE) {
                        list.forEach(n -> {
                            if (liftable(n)) {
                                lifted.add(Lift.compared(n));
                            }
                        });
                    } else if (liftable(operand)) {
                        lifted.add(Lift.compared(operand));
                    }
                }
            }
            return super.visit(call);
        }

        /** Whether a JSON function is among the call's operands, at any depth. */
        private static boolean hasJson(SqlNode node) {
            if (node instanceof SqlNodeList list) {
                return list.stream().anyMatch(Finder::hasJson);
            }
            if (!(node instanceof SqlCall call)) {
                return false;
            }
            if (call.getOperator().getName().regionMatches(true, 0, "JSON_", 0, 5)) {
                return true;
            }
            return call.getOperandList().stream().anyMatch(Finder::hasJson);
        }
    }

    /**
     * {@code node} with a typed literal resolved: the parser leaves {@code TIMESTAMP '...'} unresolved until
     * validation. Anything else as it is.
     */
    private static @Nullable SqlNode resolvedNode(@Nullable SqlNode node) {
        if (node instanceof SqlUnknownLiteral unknown && unknown.tag.equalsIgnoreCase("TIMESTAMP")) {
            try {
                return unknown.resolve(SqlTypeName.TIMESTAMP);
            } catch (RuntimeException e) {
                return null; // not a timestamp: validation will say so
            }
        }
        return node;
    }

    static @Nullable SqlLiteral resolved(@Nullable SqlNode node) {
        SqlNode n = resolvedNode(node);
        return n instanceof SqlLiteral literal ? literal : null;
    }

    /** The most digits of a DECIMAL (Calcite's and the type system's maximum precision). */
    private static final int MAX_DECIMAL_DIGITS = 38;

    static boolean liftable(@Nullable SqlNode raw) {
        SqlNode node = resolvedNode(raw);
        if (node instanceof SqlCharStringLiteral text) {
            NlsString value = text.getValueAs(NlsString.class);
            String s = value.getValue();
            return value.getCharsetName() == null && value.getCollation() == null && !s.endsWith(" ");
        }
        if (node instanceof SqlNumericLiteral number) {
            BigDecimal value = number.getValueAs(BigDecimal.class);
            if (!number.isExact()) {
                // 1e400 is no double: as a parameter it was Infinity, compared where the literal is refused (22003)
                return Double.isFinite(value.doubleValue());
            }
            // more digits than a DECIMAL holds: as a parameter it was rounded to 38 (1.0…01 = 1), as text refused
            return number.getScale() != 0 ? number.getPrec() <= MAX_DECIMAL_DIGITS
                : value.unscaledValue().bitLength() < 64;
        }
        return node instanceof SqlTimestampLiteral;
    }

    static String typeOf(SqlLiteral literal) {
        if (literal instanceof SqlNumericLiteral number) {
            if (!number.isExact()) {
                return "DOUBLE";
            }
            BigDecimal value = number.getValueAs(BigDecimal.class);
            if (number.getScale() != 0) {
                return "DECIMAL(" + number.getPrec() + ", " + number.getScale() + ")";
            }
            return value.unscaledValue().bitLength() < 32 ? "INTEGER" : "BIGINT";
        }
        if (literal instanceof SqlTimestampLiteral ts) {
            return "TIMESTAMP(" + ts.getPrec() + ")";
        }
        return "VARCHAR";
    }

    /** An AS OF SEQUENCE point's value, a BIGINT ({@code Long}) as the grammar types {@code ?} there. */
    static Object sequenceValue(SqlLiteral literal) {
        return literal.getValueAs(BigDecimal.class).longValueExact();
    }

    /**
     * The value as a JDBC client binding the literal's type would send it, in its local form: a {@code Double}, a
     * {@code BigDecimal} (a scale), an {@code Integer} or a {@code Long} (by size), a TIMESTAMP's UTC millis as a
     * {@code Long}, a {@code String}.
     */
    static Object valueOf(SqlLiteral literal) {
        if (literal instanceof SqlNumericLiteral number) {
            BigDecimal value = number.getValueAs(BigDecimal.class);
            if (!number.isExact()) {
                return value.doubleValue();
            }
            if (number.getScale() != 0) {
                return value;
            }
            // (Object): an Integer stays an Integer, not widened to the other branch's long
            return value.unscaledValue().bitLength() < 32 ? (Object) value.intValueExact() : value.longValueExact();
        }
        if (literal instanceof SqlTimestampLiteral ts) {
            return ts.getValueAs(TimestampString.class).getMillisSinceEpoch(); // local form: UTC millis
        }
        return literal.getValueAs(String.class);
    }
}
