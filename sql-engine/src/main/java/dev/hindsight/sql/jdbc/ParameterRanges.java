package dev.hindsight.sql.jdbc;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta.Signature;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Whole-number parameters made to fit the type the statement gave them, as PostgreSQL does: a {@code setLong} for an
 * INTEGER parameter ({@code schema_version}, {@code LIMIT ?}, which jOOQ and Spring bind as {@code Long}) is an
 * INTEGER when it fits and SQLState 22003 naming the value when it does not. Left to Avatica, the value either wraps
 * ({@code 4294967297} stored as 1) or reaches Calcite's code as a {@code Long} where an {@code Integer} is expected
 * ({@code ClassCastException}).
 */
final class ParameterRanges {

    private ParameterRanges() {
    }

    /** {@code values} with each whole number narrowed to its parameter's type; {@code values} itself if none is. */
    static List<TypedValue> conform(Signature signature, List<TypedValue> values) {
        if (signature == null) {
            return values;
        }
        List<TypedValue> out = values;
        for (int i = 0; i < values.size() && i < signature.parameters.size(); i++) {
            TypedValue value = values.get(i);
            AvaticaParameter parameter = signature.parameters.get(i);
            if (value == null || (!(value.value instanceof Long) && !(value.value instanceof Integer)
                && !(value.value instanceof Short))) {
                continue;
            }
            long n = ((Number) value.value).longValue();
            TypedValue narrowed = narrow(parameter.parameterType, n, i + 1, value);
            if (narrowed != null) {
                if (out == values) {
                    out = new ArrayList<>(values);
                }
                out.set(i, narrowed);
            }
        }
        return out;
    }

    /**
     * What to bind instead of {@code value} (whole number {@code n}) for a parameter of {@code jdbcType}, or
     * {@code null} to bind it as it is; throws if {@code n} is out of the type's range.
     */
    private static TypedValue narrow(int jdbcType, long n, int index, TypedValue value) {
        switch (jdbcType) {
            case Types.INTEGER -> {
                check(n, Integer.MIN_VALUE, Integer.MAX_VALUE, index, "INTEGER");
                return value.type == ColumnMetaData.Rep.INTEGER || value.type == ColumnMetaData.Rep.PRIMITIVE_INT
                    ? null : TypedValue.ofLocal(ColumnMetaData.Rep.INTEGER, (int) n);
            }
            case Types.SMALLINT -> check(n, Short.MIN_VALUE, Short.MAX_VALUE, index, "SMALLINT");
            case Types.TINYINT -> check(n, Byte.MIN_VALUE, Byte.MAX_VALUE, index, "TINYINT");
            default -> {
            }
        }
        return null;
    }

    private static void check(long n, long min, long max, int index, String type) {
        if (n < min || n > max) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value " + n + " of parameter " + index
                + " is out of range for its type " + type + " (" + min + " to " + max + ")");
        }
    }
}
