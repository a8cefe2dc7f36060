package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * Text cast to a {@code DECIMAL(p, s)} whose number is written with a large exponent is judged by its exponent before
 * Calcite's cast sees it: Calcite's range check strips the trailing zeros of the value, which for {@code 1E+200000}
 * takes time quadratic in the exponent (25 s a row; a JSON number prints so once its scale passes 100, and one such
 * event stalled every query that cast it). Beyond the type's integer digits it is 22003 at once; far below its last
 * fraction digit it is 0, as the cast would round it. Judged so: a literal while the statement is converted
 * ({@link #cast}) and the text the scan casts into its cache ({@link JsonExtracts}). Not yet the cast a
 * statement runs itself (the scan's rules match that cast's shape): see docs/sql.md.
 */
final class DecimalRange {

    private DecimalRange() {
    }

    /**
     * The convertlet of a CAST: a literal text cast to a DECIMAL judged by {@link #checked} before {@code next}
     * converts it, as Calcite folds it there (minutes for {@code CAST('1E+999999' AS DECIMAL(12, 2))}).
     */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            if (cast.operand(0) instanceof SqlCharStringLiteral text && cast.operand(1) instanceof SqlDataTypeSpec) {
                RelDataType target = cx.getValidator().getValidatedNodeTypeIfKnown(cast);
                if (target != null && target.getSqlTypeName() == SqlTypeName.DECIMAL) {
                    checked(text.getValueAs(String.class), target.getPrecision(), target.getScale());
                }
            }
            return next.convertCall(cx, cast);
        };
    }

    /**
     * {@code text} as it is; "0" for a number with an exponent far below the type's last digit; 22003 for one beyond
     * its integer digits. A plain numeral, or text that is no number, is left to the cast.
     */
    static String checked(String text, int precision, int scale) {
        if (text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            return text; // no exponent: the cast's work is the text's own length
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return text; // the cast's own error
        }
        long integerDigits = (long) value.precision() - value.scale();
        if (value.signum() != 0 && integerDigits > precision - scale) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow: " + text.strip()
                + " does not fit a DECIMAL(" + precision + ", " + scale + ")");
        }
        return integerDigits < -scale - 1 ? "0" : text;
    }
}
