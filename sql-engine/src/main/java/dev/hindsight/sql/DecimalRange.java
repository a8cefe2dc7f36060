package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Text cast to a {@code DECIMAL(p, s)} whose number is written with a large exponent is judged by its exponent before
 * Calcite's cast sees it: Calcite's range check strips the trailing zeros of the value, which for {@code 1E+200000}
 * takes time quadratic in the exponent (25 s a row; a JSON number prints so once its scale passes 100, and one such
 * event stalled every query that cast it). Beyond the type's integer digits it is 22003 at once; far below its last
 * fraction digit it is 0, as the cast would round it. {@link CheckedArithmetic} puts {@link #checked} around the text
 * of such casts; a literal's is judged while the statement is converted ({@link #checkLiteral}). Public for Calcite's
 * generated code.
 */
@Strict // NULL in, NULL out
public final class DecimalRange {

    private static final SqlUserDefinedFunction CHECKED = function("HINDSIGHT_DECIMAL_TEXT", "checked");
    private static final SqlUserDefinedFunction CHECKED_OR_NULL = function("HINDSIGHT_DECIMAL_TEXT_OR_NULL",
        "checkedOrNull");

    private DecimalRange() {
    }

    /** {@code cast} with its text checked first, if it casts text to a DECIMAL; else null. */
    static @Nullable RexNode checked(RexBuilder rex, RexCall cast) {
        if ((cast.getKind() != SqlKind.CAST && cast.getKind() != SqlKind.SAFE_CAST)
            || cast.getType().getSqlTypeName() != SqlTypeName.DECIMAL
            || cast.getOperands().get(0).getType().getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
            return null;
        }
        RexNode text = cast.getOperands().get(0);
        boolean safe = cast.getKind() == SqlKind.SAFE_CAST; // NULL where the cast fails (JSON_VALUE's NULL ON ERROR)
        RexNode checked = rex.makeCall(safe ? rex.getTypeFactory().createTypeWithNullability(text.getType(), true)
            : text.getType(), safe ? CHECKED_OR_NULL : CHECKED, List.of(text,
            rex.makeExactLiteral(BigDecimal.valueOf(cast.getType().getPrecision())),
            rex.makeExactLiteral(BigDecimal.valueOf(cast.getType().getScale()))));
        return cast.clone(cast.getType(), List.of(checked));
    }

    /** Throws 22003 if {@code text}, cast to DECIMAL({@code precision}, {@code scale}), is beyond it. */
    static void checkLiteral(String text, int precision, int scale) {
        checked(text, precision, scale);
    }

    /**
     * {@code text} as it is; "0" for a number with an exponent far below the type's last digit; 22003 for one beyond
     * its integer digits. A plain numeral, or text that is no number, is left to the cast.
     */
    public static String checked(String text, int precision, int scale) {
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

    /** {@link #checked}, NULL where it fails. */
    public static String checkedOrNull(String text, int precision, int scale) {
        try {
            return checked(text, precision, scale);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static SqlUserDefinedFunction function(String name, String method) {
        return HindsightConvertlets.function(name, ReturnTypes.ARG0,
            List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
            types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.INTEGER),
                types.createSqlType(SqlTypeName.INTEGER)), DecimalRange.class, method);
    }
}
