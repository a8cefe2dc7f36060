package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlJsonEmptyOrError;
import org.apache.calcite.sql.SqlJsonValueEmptyOrErrorBehavior;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * A JSON path written without a mode, in the calls Calcite's own code answers, behaves as PostgreSQL's, whose default
 * mode is lax: a member that is not there is empty ({@code ON EMPTY}), not an error. Calcite reads such a path as
 * strict, so {@code DEFAULT … ON EMPTY} was never taken and {@code ERROR ON ERROR} failed on a missing member. Plain
 * {@code lax} is not the answer for {@code JSON_VALUE}: Calcite's lax mode also takes an object or array it finds
 * for empty, where PostgreSQL's takes it for an error. So:
 *
 * <pre>
 *   JSON_VALUE(d, '$.a' … ON …)  → CASE WHEN JSON_EXISTS(d, 'lax $.a') THEN JSON_VALUE(d, 'strict $.a' … ON …)
 *                                      ELSE JSON_VALUE(d, 'lax $.a' … ON …) END
 *   JSON_QUERY(d, '$.a' …)       → JSON_QUERY(d, 'lax $.a' …)
 *   JSON_EXISTS(d, '$.a' …)      → JSON_EXISTS(d, 'lax $.a' …)
 * </pre>
 *
 * <p>A scalar found by {@code JSON_QUERY} PostgreSQL returns as JSON; Calcite's lax mode takes it for empty, its
 * strict mode for an error, so neither branch would give PostgreSQL's answer: plain lax keeps the missing member
 * right. A {@code JSON_VALUE} without {@code ON} clauses keeps its path: the fast walk ({@code JsonValueRule}) answers
 * it, and reads a path as lax already. Only a literal path is rewritten; a computed one stays Calcite's.
 *
 * <p>A {@code JSON_VALUE} that {@code RETURNING}s a type other than text, with {@code ON} clauses or without, is also
 * given the text it finds cast to that type ({@link #typed}). Applied to the row expression the convertlet makes
 * ({@link HindsightConvertlets}).
 */
final class JsonPathModes {

    /** The length of the text {@code JSON_VALUE} returns without {@code RETURNING}, as Calcite types it. */
    private static final int TEXT_LENGTH = 2000;

    /** A JSON path's mode, as Calcite reads it. */
    private static final Pattern MODE = Pattern.compile("\\s*(lax|strict)\\s", Pattern.CASE_INSENSITIVE);

    private JsonPathModes() {
    }

    /** Whether {@code operator} is one of the JSON functions this class rewrites. */
    static boolean applies(SqlOperator operator) {
        return SqlStdOperatorTable.JSON_VALUE.equals(operator) || SqlStdOperatorTable.JSON_QUERY.equals(operator)
            || SqlStdOperatorTable.JSON_EXISTS.equals(operator);
    }

    /** The convertlet of a JSON function: {@code next}'s, with a path that names no mode given one as above. */
    static SqlRexConvertlet modes(SqlRexConvertlet next) {
        return (cx, sql) -> {
            RexNode converted = next.convertCall(cx, sql);
            if (!(converted instanceof RexCall call) || !applies(call.getOperator()) || call.getOperands().size() < 2) {
                return converted;
            }
            if (!(call.getOperands().get(1) instanceof RexLiteral path)
                || path.getType().getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
                return typed(cx.getRexBuilder(), call); // a computed path keeps its mode; RETURNING still casts
            }
            SqlOperator op = call.getOperator();
            if (SqlStdOperatorTable.JSON_VALUE.equals(op) && call.getOperands().size() == 2) {
                return typed(cx.getRexBuilder(), call); // no ON clause: the fast walk's, lax already
            }
            RexBuilder rex = cx.getRexBuilder();
            String text = path.getValueAs(String.class);
            if (text == null || MODE.matcher(text).lookingAt()) {
                return typed(rex, call);
            }
            RexNode doc = call.getOperands().get(0);
            RexNode lax = withPath(rex, call, "lax " + text);
            if (!SqlStdOperatorTable.JSON_VALUE.equals(op)) {
                return lax; // JSON_EXISTS, JSON_QUERY: the found branch would be no nearer PostgreSQL's (see above)
            }
            RexNode found = rex.makeCall(SqlStdOperatorTable.JSON_EXISTS, doc, rex.makeLiteral("lax " + text));
            return rex.makeCall(call.getType(), SqlStdOperatorTable.CASE,
                List.of(found, typed(rex, withPath(rex, call, "strict " + text)), typed(rex, lax)));
        };
    }

    /**
     * A {@code JSON_VALUE … RETURNING} a type other than text as the text it finds cast to that type: Calcite's own
     * cast the value it found to the type's Java class, so a JSON string ({@code "5"} as much as {@code "x"}) failed
     * with a ClassCastException, and a number went through a {@code double} ({@code RETURNING DECIMAL(12,2)} of
     * {@code 492.51} was {@code 492.50999…}); the text is read exactly, a date or time as ISO-8601 as a cast reads it
     * ({@link IsoTimestampCast#read}). A {@code DEFAULT} is given as text and cast back. Text the type cannot take is
     * an error as the standard and PostgreSQL have it: the {@code ON ERROR} behaviour, NULL unless said otherwise (a
     * cast that gives NULL where it would fail, then the {@code DEFAULT}), or the cast's 22018 under
     * {@code ERROR ON ERROR}. Anything else as it is.
     */
    private static RexNode typed(RexBuilder rex, RexNode node) {
        if (!(node instanceof RexCall call) || !SqlStdOperatorTable.JSON_VALUE.equals(call.getOperator())
            || call.getType().getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER
            || call.getType().getComponentType() != null) { // RETURNING an array: Calcite's own
            return node;
        }
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType text = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR, TEXT_LENGTH),
            true);
        List<RexNode> operands = new ArrayList<>(call.getOperands());
        Object behaviour = null; // of the clause being read: NULL, ERROR or DEFAULT
        RexNode given = null; // its DEFAULT value
        Object onError = SqlJsonValueEmptyOrErrorBehavior.NULL; // the standard's default
        RexNode errorDefault = null;
        for (int i = 2; i < operands.size(); i++) {
            RexNode o = operands.get(i);
            Object flag = o instanceof RexLiteral l && l.getTypeName() == SqlTypeName.SYMBOL ? l.getValue() : null;
            if (flag == null) {
                given = o;
                operands.set(i, rex.makeCast(text, o)); // a DEFAULT value, as text
            } else if (flag instanceof SqlJsonValueEmptyOrErrorBehavior b) {
                behaviour = b;
                given = null;
            } else if (flag == SqlJsonEmptyOrError.ERROR) {
                onError = behaviour;
                errorDefault = given;
            }
        }
        RexNode found = call.clone(text, operands);
        SqlTypeName type = call.getType().getSqlTypeName();
        if (onError == SqlJsonValueEmptyOrErrorBehavior.ERROR) {
            return rex.makeCast(call.getType(), read(rex, found, type, false));
        }
        // NULL where the cast would fail
        RexNode cast = rex.makeCast(call.getType(), read(rex, found, type, true), true, true);
        if (onError != SqlJsonValueEmptyOrErrorBehavior.DEFAULT || errorDefault == null) {
            return cast;
        }
        RexNode failed = rex.makeCall(SqlStdOperatorTable.AND,
            rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, found), rex.makeCall(SqlStdOperatorTable.IS_NULL, cast));
        return rex.makeCall(call.getType(), SqlStdOperatorTable.CASE,
            List.of(failed, rex.makeCast(call.getType(), errorDefault, true, false), cast));
    }

    /** The text found, read as a cast to {@code type} reads text: a time as ISO-8601, a boolean PostgreSQL's words. */
    private static RexNode read(RexBuilder rex, RexNode found, SqlTypeName type, boolean safe) {
        return type == SqlTypeName.BOOLEAN ? BooleanCast.read(rex, found, safe)
            : IsoTimestampCast.read(rex, found, type, safe);
    }

    private static RexNode withPath(RexBuilder rex, RexCall call, String path) {
        List<RexNode> operands = new ArrayList<>(call.getOperands());
        operands.set(1, rex.makeLiteral(path));
        return call.clone(call.getType(), operands);
    }
}
