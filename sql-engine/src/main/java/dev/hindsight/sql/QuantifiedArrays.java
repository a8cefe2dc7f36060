package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code x = ANY (ARRAY[a, b, c])} and its siblings ({@code <> ALL}, {@code < SOME}, …) over an array written out
 * are the comparisons with each element, joined by {@code OR} (ANY, SOME) or {@code AND} (ALL): PostgreSQL's
 * meaning, three-valued ({@code 2 = ANY (ARRAY[1, NULL])} is NULL, {@code 1 = ANY (ARRAY[1, NULL])} true). Calcite's
 * run-time comparison of each element failed on a NULL element with a NullPointerException (XX000), on the first row
 * the NULL was reached for. An array that is not written out (a column, a parameter) is left to Calcite.
 */
final class QuantifiedArrays {

    private static final Map<SqlKind, SqlOperator> COMPARISONS = Map.of(
        SqlKind.EQUALS, SqlStdOperatorTable.EQUALS,
        SqlKind.NOT_EQUALS, SqlStdOperatorTable.NOT_EQUALS,
        SqlKind.LESS_THAN, SqlStdOperatorTable.LESS_THAN,
        SqlKind.LESS_THAN_OR_EQUAL, SqlStdOperatorTable.LESS_THAN_OR_EQUAL,
        SqlKind.GREATER_THAN, SqlStdOperatorTable.GREATER_THAN,
        SqlKind.GREATER_THAN_OR_EQUAL, SqlStdOperatorTable.GREATER_THAN_OR_EQUAL);

    private QuantifiedArrays() {
    }

    /** Whether {@code call} compares a value with the elements of an array written out. */
    static boolean applies(SqlCall call) {
        return call.getOperator() instanceof SqlQuantifyOperator
            && call.operandCount() == 2 && call.operand(1) instanceof SqlNodeList list && list.size() == 1
            && array(list.get(0)) != null;
    }

    /**
     * {@code node} if it is an array written out with at least one element, or such an array cast to another type
     * of array (the validator casts {@code ARRAY[1, 3]} to a {@code BIGINT ARRAY} beside a BIGINT; the convertlet casts
     * each element so); else null.
     */
    private static SqlCall array(SqlNode node) {
        if (node instanceof SqlCall cast && cast.getKind() == SqlKind.CAST) {
            return array(cast.operand(0));
        }
        return node instanceof SqlCall array && array.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR
            && array.operandCount() > 0 ? array : null;
    }

    /**
     * The comparisons with each element, each element cast to the array's validated element type (the validator's
     * coercion, {@code ARRAY['1']} beside a BIGINT, or the user's, {@code CAST(ARRAY[1.4] AS INTEGER ARRAY)}), as the
     * call's validated type; {@code standard} where the array's element type is not known.
     */
    static SqlRexConvertlet convertlet(SqlRexConvertlet standard) {
        return (cx, call) -> {
            SqlNode operand = ((SqlNodeList) call.operand(1)).get(0);
            RelDataType elementType = cx.getValidator().getValidatedNodeType(operand).getComponentType();
            if (elementType == null) {
                return standard.convertCall(cx, call);
            }
            SqlQuantifyOperator quantify = (SqlQuantifyOperator) call.getOperator();
            RexBuilder rex = cx.getRexBuilder();
            RexNode left = cx.convertExpression(call.operand(0));
            List<RexNode> comparisons = new ArrayList<>();
            for (SqlNode element : array(operand).getOperandList()) {
                comparisons.add(rex.makeCall(COMPARISONS.get(quantify.comparisonKind), left,
                    rex.ensureType(elementType, cx.convertExpression(element), false)));
            }
            RexNode joined = comparisons.size() == 1 ? comparisons.get(0)
                : rex.makeCall(quantify.kind == SqlKind.ALL ? SqlStdOperatorTable.AND : SqlStdOperatorTable.OR,
                    comparisons);
            RelDataType type = cx.getValidator().getValidatedNodeType(call);
            return rex.ensureType(type, joined, true);
        };
    }
}
