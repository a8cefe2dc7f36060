package dev.hindsight.sql;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An ordering comparison of two row values ({@code (a, b) < (c, d)}, also {@code <=}, {@code >}, {@code >=}) field by
 * field, as the standard and PostgreSQL read it: the first pair that is not equal decides, and a NULL met before one
 * makes the answer unknown. Calcite compared the rows as wholes, a NULL sorting above every value, so
 * {@code (NULL, 1) >= (0, 0)} was true and a {@code WHERE} kept the row (1,176 rows where PostgreSQL keeps 71).
 *
 * <p>Written out as {@code a < c OR (a = c AND b < d)} — which gives exactly those answers, NULLs included — from
 * the fields converted once each, so a parameter is still one parameter. So are {@code =} (every pair), {@code <>}
 * (any pair) and {@code IS [NOT] DISTINCT FROM}: {@code (1, 2) IS DISTINCT FROM (1, 3)} was false, {@code (TRUE, 1)
 * <> (NULL, 1)} true (PostgreSQL: unknown), and a {@code <>} with a NULL field refused. Pairs of other type families
 * than the comparison of two fields takes (a date beside a timestamp) keep Calcite's conversion.
 */
final class RowComparisons {

    private RowComparisons() {
    }

    /**
     * The comparisons written out field by field here; the validator types a parameter in such a row by the field
     * opposite for the same ones ({@code HindsightSqlValidator.typeRowComparison}).
     */
    static final Set<SqlKind> KINDS = EnumSet.of(SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN,
        SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.IS_DISTINCT_FROM,
        SqlKind.IS_NOT_DISTINCT_FROM);

    /** Whether {@code call} compares two row values of the same width (by order, equality or distinctness). */
    static boolean applies(SqlCall call) {
        if (!KINDS.contains(call.getKind()) || call.operandCount() != 2) {
            return false;
        }
        SqlCall left = row(call.operand(0));
        SqlCall right = row(call.operand(1));
        return left != null && right != null && left.operandCount() == right.operandCount()
            && left.operandCount() > 1;
    }

    /** The {@code ROW(…)} call {@code node} is, or casts (the validator's coercion casts one row to the other's). */
    private static @Nullable SqlCall row(SqlNode node) {
        if (node.getKind() == SqlKind.CAST && ((SqlCall) node).operand(0).getKind() == SqlKind.ROW) {
            return ((SqlCall) node).operand(0);
        }
        return node.getKind() == SqlKind.ROW ? (SqlCall) node : null;
    }

    /** The convertlet of a call that {@link #applies}; {@code standard} takes pairs of different type families. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet standard) {
        return (cx, call) -> {
            List<RelDataTypeField> left = cx.getValidator().getValidatedNodeType(call.operand(0)).getFieldList();
            List<RelDataTypeField> right = cx.getValidator().getValidatedNodeType(call.operand(1)).getFieldList();
            for (int i = 0; i < left.size(); i++) {
                if (!comparable(left.get(i).getType(), right.get(i).getType())) {
                    return standard.convertCall(cx, call);
                }
            }
            RexBuilder rex = cx.getRexBuilder();
            List<RexNode> a = fields(cx, call.operand(0), left);
            List<RexNode> b = fields(cx, call.operand(1), right);
            for (int i = 0; i < a.size(); i++) {
                // a bare NULL takes the type of the field it is compared with (of two, any type: unknown either way)
                if (a.get(i).getType().getSqlTypeName() == SqlTypeName.NULL
                    && b.get(i).getType().getSqlTypeName() == SqlTypeName.NULL) {
                    RelDataType any = rex.getTypeFactory().createTypeWithNullability(
                        rex.getTypeFactory().createSqlType(SqlTypeName.INTEGER), true);
                    a.set(i, rex.makeNullLiteral(any));
                    b.set(i, rex.makeNullLiteral(any));
                } else if (a.get(i).getType().getSqlTypeName() == SqlTypeName.NULL) {
                    a.set(i, rex.makeNullLiteral(b.get(i).getType()));
                } else if (b.get(i).getType().getSqlTypeName() == SqlTypeName.NULL) {
                    b.set(i, rex.makeNullLiteral(a.get(i).getType()));
                }
            }
            switch (call.getKind()) {
                case EQUALS, IS_NOT_DISTINCT_FROM -> {
                    return fieldByField(rex, SqlStdOperatorTable.AND, call.getOperator(), a, b);
                }
                case NOT_EQUALS, IS_DISTINCT_FROM -> {
                    return fieldByField(rex, SqlStdOperatorTable.OR, call.getOperator(), a, b);
                }
                default -> {
                }
            }
            SqlOperator last = call.getOperator();
            SqlOperator strict = switch (call.getKind()) {
                case LESS_THAN, LESS_THAN_OR_EQUAL -> SqlStdOperatorTable.LESS_THAN;
                default -> SqlStdOperatorTable.GREATER_THAN;
            };
            int n = a.size() - 1;
            RexNode result = rex.makeCall(last, a.get(n), b.get(n));
            for (int i = n - 1; i >= 0; i--) {
                result = rex.makeCall(SqlStdOperatorTable.OR, rex.makeCall(strict, a.get(i), b.get(i)),
                    rex.makeCall(SqlStdOperatorTable.AND,
                        rex.makeCall(SqlStdOperatorTable.EQUALS, a.get(i), b.get(i)), result));
            }
            return result;
        };
    }

    /**
     * {@code op} of each pair of fields, joined by {@code join}: {@code =} is every pair equal (a NULL pair unknown
     * unless another pair differs), {@code <>} any pair not equal, {@code IS DISTINCT FROM} any pair distinct — as
     * PostgreSQL reads them.
     */
    private static RexNode fieldByField(RexBuilder rex, SqlOperator join, SqlOperator op, List<RexNode> a,
                                        List<RexNode> b) {
        List<RexNode> pairs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            pairs.add(rex.makeCall(op, a.get(i), b.get(i)));
        }
        return rex.makeCall(join, pairs);
    }

    /** The fields of a row operand, each converted once, cast to the field's type where the row was cast. */
    private static List<RexNode> fields(SqlRexContext cx, SqlNode operand, List<RelDataTypeField> types) {
        List<SqlNode> fields = row(operand).getOperandList();
        List<RexNode> converted = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            RexNode field = cx.convertExpression(fields.get(i));
            converted.add(operand.getKind() == SqlKind.CAST
                ? cx.getRexBuilder().makeCast(types.get(i).getType(), field, true, false) : field);
        }
        return converted;
    }

    private static boolean comparable(RelDataType a, RelDataType b) {
        if (a.getSqlTypeName() == SqlTypeName.NULL || b.getSqlTypeName() == SqlTypeName.NULL) {
            return true;
        }
        SqlTypeFamily x = a.getSqlTypeName().getFamily();
        return x != null && x == b.getSqlTypeName().getFamily() && !a.isStruct() && !b.isStruct();
    }
}
