package dev.hindsight.sql;

import dev.hindsight.sql.json.ExactJson;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * {@code x IS [NOT] JSON [VALUE | OBJECT | ARRAY | SCALAR]} judged on the document as the JSON functions read it
 * ({@link ExactJson#documentOf}): text with more after the document ({@code '{} x'}, {@code '{}{}'}) is no JSON, as
 * {@code JSON_VALUE} refuses it and PostgreSQL answers; Calcite's reader stopped after the first value and said true.
 * NULL is NULL. Public for Calcite's generated code.
 */
public final class JsonPredicates {

    private static final List<SqlOperator> OPERATORS = List.of(SqlStdOperatorTable.IS_JSON_VALUE,
        SqlStdOperatorTable.IS_NOT_JSON_VALUE, SqlStdOperatorTable.IS_JSON_OBJECT,
        SqlStdOperatorTable.IS_NOT_JSON_OBJECT, SqlStdOperatorTable.IS_JSON_ARRAY,
        SqlStdOperatorTable.IS_NOT_JSON_ARRAY, SqlStdOperatorTable.IS_JSON_SCALAR,
        SqlStdOperatorTable.IS_NOT_JSON_SCALAR);

    private static final SqlUserDefinedFunction IS_JSON = HindsightConvertlets.function("HINDSIGHT_IS_JSON",
        ReturnTypes.BOOLEAN_NULLABLE, List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
        types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.INTEGER)),
        JsonPredicates.class, "is");

    private JsonPredicates() {
    }

    /** Whether {@code operator} is one of the predicates above. */
    static boolean applies(SqlOperator operator) {
        return OPERATORS.contains(operator);
    }

    /** Their convertlet: {@link #is} of the text and the predicate's place in {@link #OPERATORS}. */
    static SqlRexConvertlet convertlet() {
        return (cx, call) -> cx.getRexBuilder().makeCall(cx.getValidator().getValidatedNodeType(call), IS_JSON,
            List.of(cx.convertExpression(call.operand(0)),
                cx.getRexBuilder().makeLiteral(OPERATORS.indexOf(call.getOperator()),
                    cx.getTypeFactory().createSqlType(SqlTypeName.INTEGER))));
    }

    /**
     * Whether {@code text} is what the predicate at {@code predicate} in {@link #OPERATORS} asks (odd places: NOT).
     */
    public static Boolean is(String text, int predicate) {
        if (text == null) {
            return null;
        }
        Object document = ExactJson.documentOf(text);
        boolean kind = document != ExactJson.NOT_JSON && switch (predicate / 2) {
            case 0 -> true; // VALUE
            case 1 -> document instanceof Map;
            case 2 -> document instanceof Collection;
            default -> !(document instanceof Map) && !(document instanceof Collection);
        };
        return predicate % 2 == 0 ? kind : !kind;
    }
}
