package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.tools.Program;

/**
 * Text cast to a {@code DECIMAL(p, s)} whose number is written with a large exponent is judged by its exponent before
 * Calcite's cast sees it: Calcite's range check strips the trailing zeros of the value, which for {@code 1E+200000}
 * takes time quadratic in the exponent (25 s a row; a JSON number prints so once its scale passes 100, and one such
 * event stalled every query that cast it). Beyond the type's integer digits it is 22003 at once (NULL in a
 * {@code SAFE_CAST}, as {@code JSON_VALUE … RETURNING} casts); far below its last fraction digit it is 0, as the cast
 * would round it. Judged so: a literal while the statement is converted ({@link #cast}), the text the scan casts into
 * its cache ({@link JsonExtracts}), every other cast of text a statement runs ({@link #PROGRAM}, after the
 * optimisation, as the scan's rules match the cast's own shape) and those of a projection ({@link #guardedIn}).
 * Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out
public final class DecimalRange {

    /** {@code HINDSIGHT_DECIMAL_RANGE(text, precision, scale)}: {@link #checked}. */
    private static final SqlUserDefinedFunction CHECKED = function("HINDSIGHT_DECIMAL_RANGE", "checked",
        ReturnTypes.ARG0);

    /** {@code HINDSIGHT_DECIMAL_RANGE_OR_NULL(text, precision, scale)}: {@link #checkedOrNull}. */
    private static final SqlUserDefinedFunction CHECKED_OR_NULL = function("HINDSIGHT_DECIMAL_RANGE_OR_NULL",
        "checkedOrNull", ReturnTypes.ARG0_FORCE_NULLABLE);

    /** Every cast of text to a DECIMAL with its text judged first. */
    private static final CalcRewrite GUARD = CalcRewrite.of(DecimalRange::castsText,
        (rex, call) -> castsText(call) ? guarded(rex, call) : null);

    /** The step run after the optimisation: the casts of text to a DECIMAL of every calc judged first; stateless. */
    static final Program PROGRAM = GUARD.program();

    private DecimalRange() {
    }

    private static SqlUserDefinedFunction function(String name, String method, SqlReturnTypeInference returns) {
        return HindsightConvertlets.function(name, returns,
            List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
            types -> List.of(types.createSqlType(SqlTypeName.VARCHAR), types.createSqlType(SqlTypeName.INTEGER),
                types.createSqlType(SqlTypeName.INTEGER)),
            DecimalRange.class, method);
    }

    /** {@code expression} with its casts of text to a DECIMAL judged first, for expressions compiled outside a plan. */
    static RexNode guardedIn(RexBuilder rex, RexNode expression) {
        return GUARD.in(rex, expression);
    }

    /** Whether {@code call} casts text that is no literal (a literal is judged by {@link #cast}) to a DECIMAL. */
    private static boolean castsText(RexCall call) {
        if ((call.getKind() != SqlKind.CAST && call.getKind() != SqlKind.SAFE_CAST)
            || call.getType().getSqlTypeName() != SqlTypeName.DECIMAL) {
            return false;
        }
        RexNode text = call.getOperands().get(0);
        return SqlTypeUtil.inCharFamily(text.getType()) && !(text instanceof RexLiteral)
            && !(text instanceof RexCall c
                 && (CHECKED.equals(c.getOperator()) || CHECKED_OR_NULL.equals(c.getOperator())));
    }

    private static RexNode guarded(RexBuilder rex, RexCall cast) {
        RelDataType type = cast.getType();
        SqlUserDefinedFunction judge = cast.getKind() == SqlKind.SAFE_CAST ? CHECKED_OR_NULL : CHECKED;
        RexNode text = cast.getOperands().get(0);
        RelDataType judgedType = CHECKED.equals(judge) ? text.getType()
            : rex.getTypeFactory().createTypeWithNullability(text.getType(), true);
        RexNode judged = rex.makeCall(judgedType, judge, List.of(text,
            rex.makeExactLiteral(BigDecimal.valueOf(type.getPrecision())),
            rex.makeExactLiteral(BigDecimal.valueOf(type.getScale()))));
        return cast.clone(type, List.of(judged));
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

    /** As {@link #checked}, but NULL where that is 22003, as a {@code SAFE_CAST} answers. */
    public static String checkedOrNull(String text, int precision, int scale) {
        try {
            return checked(text, precision, scale);
        } catch (RuntimeException e) {
            return null; // only the range's 22003 is thrown
        }
    }
}
