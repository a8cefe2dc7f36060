package dev.hindsight.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * {@code JSON_VALUE} without {@code RETURNING}, and {@code JSON_QUERY}, are text of any length, as PostgreSQL's
 * {@code text}: Calcite typed them {@code VARCHAR(2000)} while answering longer values, so a tool sizing its buffers
 * by the metadata ({@code getPrecision}, {@code getColumnDisplaySize}) could cut a 3,000-character value.
 */
final class JsonTextType {

    private JsonTextType() {
    }

    /** {@code derived}, the type the validator gave {@code expr}; unbounded (and noted so) for such a call. */
    static RelDataType typed(SqlValidatorImpl validator, SqlNode expr, RelDataType derived) {
        if (!(expr instanceof SqlCall call) || derived.getSqlTypeName() != SqlTypeName.VARCHAR
            || derived.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
            || !(SqlStdOperatorTable.JSON_VALUE.equals(call.getOperator())
            || SqlStdOperatorTable.JSON_QUERY.equals(call.getOperator()))) {
            return derived;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof SqlDataTypeSpec) {
                return derived; // RETURNING VARCHAR(n): the length asked for
            }
        }
        RelDataTypeFactory types = validator.getTypeFactory();
        RelDataType text = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR),
            derived.isNullable());
        validator.setValidatedNodeType(expr, text);
        return text;
    }
}
