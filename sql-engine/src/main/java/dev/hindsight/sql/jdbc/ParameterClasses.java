package dev.hindsight.sql.jdbc;

import java.lang.invoke.MethodType;
import java.sql.Types;
import java.util.List;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.SqlType;

/**
 * Internal: what {@code ParameterMetaData} says of each {@code ?} beside its type. Calcite describes every parameter
 * as unsigned, of class {@code java.lang.Object}; JDBC's answer is the class {@code setObject} takes for the type
 * ({@code java.lang.Long} for a {@code BIGINT}, {@code java.sql.Timestamp}, {@code java.math.BigDecimal}, as
 * {@code ResultSetMetaData.getColumnClassName} names a column's and PostgreSQL's driver a parameter's), and numbers
 * are signed. Public for the engine's preparation ({@code dev.hindsight.sql.HindsightPrepare}), which describes
 * every statement's parameters so ({@link #apply}); the remote driver receives the same description.
 */
public final class ParameterClasses {

    private ParameterClasses() {
    }

    /**
     * Replaces each of {@code parameters} (a signature's own list) with its full description. Calcite makes some
     * signatures with an immutable list (none of {@code VALUES 1}'s parameters, say): those lists are left as they are.
     */
    public static void apply(List<AvaticaParameter> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            AvaticaParameter full = described(parameters.get(i));
            if (full != null) {
                try {
                    parameters.set(i, full);
                } catch (UnsupportedOperationException immutable) {
                    return;
                }
            }
        }
    }

    /** {@code p} fully described, or null if it is already. */
    private static AvaticaParameter described(AvaticaParameter p) {
        SqlType type = sqlType(p.parameterType);
        // JDBC's classes are objects: a BIGINT's is java.lang.Long (Avatica's table says long)
        String className = type == null ? p.className : MethodType.methodType(type.clazz).wrap().returnType().getName();
        boolean signed = signed(p.parameterType);
        if (className.equals(p.className) && signed == p.signed) {
            return null; // described so already
        }
        return new AvaticaParameter(signed, p.precision, p.scale, p.parameterType, p.typeName, className, p.name);
    }

    private static SqlType sqlType(int jdbcType) {
        try {
            return SqlType.valueOf(jdbcType);
        } catch (RuntimeException e) {
            return null; // a code Avatica has no entry for (an interval's): Calcite's description stays
        }
    }

    private static boolean signed(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
                 Types.FLOAT, Types.DOUBLE -> true;
            default -> false;
        };
    }
}
