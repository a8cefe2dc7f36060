package dev.hindsight.sql;

import java.math.BigDecimal;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * A {@code DECIMAL} cast to text is its plain numeral, as PostgreSQL's {@code numeric} prints: {@code 0.5}, {@code
 * 0.0000001000}, {@code 0.0000000000000000}. Calcite's cast wrote {@code .5}, {@code 1.000E-7} and {@code 0E-16}
 * ({@code BigDecimal.toString} with its leading zero cut), also where the validator casts one ({@code 'x' || 0.5}).
 * Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out
public final class DecimalTextCast {

    private static final SqlUserDefinedFunction TEXT = HindsightConvertlets.function("HINDSIGHT_DECIMAL_TEXT",
        ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.NUMERIC, types -> types.createSqlType(SqlTypeName.DECIMAL),
        DecimalTextCast.class, "text");

    private DecimalTextCast() {
    }

    /** The convertlet of a CAST: this class's when it casts a DECIMAL to text, else {@code next}. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return HindsightConvertlets.castToText(next, from -> from == SqlTypeName.DECIMAL ? TEXT : null);
    }

    /** {@code d}'s plain numeral, its scale's fraction digits all written. */
    public static String text(BigDecimal d) {
        return d.toPlainString();
    }
}
