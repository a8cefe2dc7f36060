package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * A JSON path written without a mode, in the calls Calcite's own code answers, behaves as PostgreSQL's, whose default
 * mode is lax: a member that is not there is empty ({@code ON EMPTY}), not an error. Calcite reads such a path as
 * strict, so {@code DEFAULT … ON EMPTY} was never taken and {@code ERROR ON ERROR} failed on a missing member. Plain
 * {@code lax} is not the answer either: Calcite's lax mode also takes an object or array found by {@code JSON_VALUE}
 * (a scalar by {@code JSON_QUERY}) for empty, where PostgreSQL's takes it for an error. So:
 *
 * <pre>
 *   JSON_VALUE(d, '$.a' … ON …)  → CASE WHEN JSON_EXISTS(d, 'lax $.a') THEN JSON_VALUE(d, 'strict $.a' … ON …)
 *                                      ELSE JSON_VALUE(d, 'lax $.a' … ON …) END
 *   JSON_QUERY(d, '$.a' …)       → the same with JSON_QUERY
 *   JSON_EXISTS(d, '$.a' …)      → JSON_EXISTS(d, 'lax $.a' …)
 * </pre>
 *
 * Found: the strict path judges what is there. Not found (or no JSON): the lax path's empty, or error. A
 * {@code JSON_VALUE} without {@code ON} clauses is left alone: the fast walk ({@code JsonValueRule}) answers it, and
 * reads a path as lax already. Only a literal path is rewritten; a computed one stays Calcite's. Applied to the row
 * expression the convertlet makes ({@link HindsightConvertlets}).
 */
final class JsonPathModes {

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
            if (!(converted instanceof RexCall call) || !applies(call.getOperator()) || call.getOperands().size() < 2
                || !(call.getOperands().get(1) instanceof RexLiteral path)
                || path.getType().getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
                return converted;
            }
            String text = path.getValueAs(String.class);
            if (text == null || MODE.matcher(text).lookingAt()) {
                return converted;
            }
            SqlOperator op = call.getOperator();
            if (SqlStdOperatorTable.JSON_VALUE.equals(op) && call.getOperands().size() == 2) {
                return converted; // no ON clause: the fast walk's, lax already
            }
            RexBuilder rex = cx.getRexBuilder();
            RexNode doc = call.getOperands().get(0);
            RexNode lax = withPath(rex, call, "lax " + text);
            if (SqlStdOperatorTable.JSON_EXISTS.equals(op)) {
                return lax;
            }
            RexNode found = rex.makeCall(SqlStdOperatorTable.JSON_EXISTS, doc, rex.makeLiteral("lax " + text));
            return rex.makeCall(call.getType(), SqlStdOperatorTable.CASE,
                List.of(found, withPath(rex, call, "strict " + text), lax));
        };
    }

    private static RexNode withPath(RexBuilder rex, RexCall call, String path) {
        List<RexNode> operands = new ArrayList<>(call.getOperands());
        operands.set(1, rex.makeLiteral(path));
        return call.clone(call.getType(), operands);
    }
}
