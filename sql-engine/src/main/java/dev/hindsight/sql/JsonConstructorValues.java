package dev.hindsight.sql;

import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlJsonArrayAggAggFunction;
import org.apache.calcite.sql.fun.SqlJsonArrayFunction;
import org.apache.calcite.sql.fun.SqlJsonObjectAggAggFunction;
import org.apache.calcite.sql.fun.SqlJsonObjectFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * A date, time or timestamp given to {@code JSON_OBJECT}, {@code JSON_ARRAY}, {@code JSON_ARRAYAGG} or
 * {@code JSON_OBJECTAGG} is a JSON string of its text, as PostgreSQL's {@code json_build_object} writes it
 * ({@code "2026-11-01"}, {@code "10:00:00"}, {@code "2026-11-01T10:00:00.5"}): Calcite wrote the number it holds
 * inside ({@code 20758} days, {@code 1793527200500} ms), which nothing reads back as a time. A {@code JSON_QUERY}
 * given to one is JSON ({@code FORMAT JSON}), as the standard and PostgreSQL take its answer: it was a string
 * ({@code {"k":"[1,2]"}}).
 * {@link HindsightSqlValidator} calls {@link #rewrite} as it types such a call:
 *
 * <pre>
 *   JSON_OBJECT('ts': ts)   →   JSON_OBJECT('ts': REPLACE(CAST(ts AS VARCHAR), ' ', 'T'))
 *   JSON_ARRAY(d)           →   JSON_ARRAY(CAST(d AS VARCHAR))
 * </pre>
 */
final class JsonConstructorValues {

    private static final Set<SqlTypeName> TIMES = Set.of(SqlTypeName.DATE, SqlTypeName.TIME,
        SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE, SqlTypeName.TIMESTAMP, SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    private JsonConstructorValues() {
    }

    /** {@code call}'s values that are dates or times as their text, if it is one of the constructors above. */
    static void rewrite(SqlValidator validator, SqlValidatorScope scope, SqlBasicCall call) {
        SqlOperator operator = call.getOperator();
        // where the values are among the operands: after the NULL clause, or beside each key
        int first;
        int step;
        if (operator instanceof SqlJsonObjectFunction) {
            first = 2;
            step = 2;
        } else if (operator instanceof SqlJsonArrayFunction) {
            first = 1;
            step = 1;
        } else if (operator instanceof SqlJsonObjectAggAggFunction) {
            first = 1;
            step = 2;
        } else if (operator instanceof SqlJsonArrayAggAggFunction) {
            first = 0;
            step = call.operandCount() + 1;
        } else {
            return;
        }
        for (int i = first; i < call.operandCount(); i += step) {
            SqlNode value = call.operand(i);
            if (value instanceof SqlCall query && SqlStdOperatorTable.JSON_QUERY.equals(query.getOperator())) {
                // JSON_QUERY's answer is JSON, as the standard and PostgreSQL take it: it was written as a string
                call.setOperand(i, SqlStdOperatorTable.JSON_VALUE_EXPRESSION.createCall(value.getParserPosition(),
                    value));
                continue;
            }
            if (value == null || !HindsightSqlValidator.typedAlone(value)) {
                continue;
            }
            SqlTypeName type = validator.deriveType(scope, value).getSqlTypeName();
            if (TIMES.contains(type)) {
                call.setOperand(i, text(value, type));
            }
        }
    }

    private static SqlNode text(SqlNode value, SqlTypeName type) {
        SqlParserPos pos = value.getParserPosition();
        SqlNode text = SqlStdOperatorTable.CAST.createCall(pos, value,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos));
        return type == SqlTypeName.TIMESTAMP || type == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
            ? SqlStdOperatorTable.REPLACE.createCall(pos, text, SqlLiteral.createCharString(" ", pos),
                SqlLiteral.createCharString("T", pos))
            : text;
    }
}
