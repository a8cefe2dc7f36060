package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * Text functions that count characters as PostgreSQL does, one per code point. Calcite's count Java's UTF-16 units,
 * so a character beyond the Basic Multilingual Plane (an emoji, 😀) was two: {@code CHAR_LENGTH('😀')} was 2,
 * {@code POSITION('a' IN '😀a')} 3, and {@code SUBSTRING}, {@code OVERLAY} and a cast to {@code VARCHAR(n)} could cut
 * such a character in half and print {@code ?}. Here {@code CHAR_LENGTH} (and {@code CHARACTER_LENGTH},
 * {@code LENGTH}), {@code POSITION}, {@code STRPOS}, {@code SUBSTRING}, {@code SUBSTR}, {@code OVERLAY} and casts from
 * text to {@code CHAR(n)} or {@code VARCHAR(n)} count code points ({@code STRPOS} is Calcite's {@code POSITION} by
 * then). A cut reads the characters up to its end, not the whole text; {@code CHAR_LENGTH} reads the whole text
 * (Calcite's answered the UTF-16 length at once), as PostgreSQL's does in UTF-8. The convertlets put these functions
 * in place of Calcite's calls once their operands are typed. Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class CodePointText {

    private static final SqlUserDefinedFunction LENGTH = function("HINDSIGHT_CHAR_LENGTH", "charLength",
        SqlTypeFamily.CHARACTER);
    private static final SqlUserDefinedFunction POSITION = function("HINDSIGHT_POSITION", "position",
        SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER);
    private static final SqlUserDefinedFunction SUBSTRING_FROM = function("HINDSIGHT_SUBSTRING", "substringFrom",
        SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER);
    private static final SqlUserDefinedFunction SUBSTRING_FOR = function("HINDSIGHT_SUBSTRING", "substring",
        SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER);
    private static final SqlUserDefinedFunction OVERLAY = function("HINDSIGHT_OVERLAY", "overlay",
        SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER);
    private static final SqlUserDefinedFunction OVERLAY_FOR = function("HINDSIGHT_OVERLAY", "overlayFor",
        SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER);
    private static final SqlUserDefinedFunction FIT = function("HINDSIGHT_FIT_TEXT", "fit",
        SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER);
    private static final SqlUserDefinedFunction FIT_PADDED = function("HINDSIGHT_FIT_TEXT", "fitPadded",
        SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER);

    private CodePointText() {
    }

    /** Whether {@code operator} is one of the text functions {@link #convertlet} takes. */
    static boolean applies(SqlOperator operator) {
        return operator.getKind() == SqlKind.CHAR_LENGTH || operator.getKind() == SqlKind.POSITION
            || SqlStdOperatorTable.SUBSTRING.equals(operator) || SqlLibraryOperators.SUBSTR_POSTGRESQL.equals(operator)
            || SqlStdOperatorTable.OVERLAY.equals(operator);
    }

    /** The convertlet of those calls: {@code next}'s row expression, with this class's function in place. */
    static SqlRexConvertlet convertlet(SqlRexConvertlet next) {
        return (cx, sql) -> {
            RexNode converted = next.convertCall(cx, sql);
            if (!(converted instanceof RexCall call) || !applies(call.getOperator())
                || !SqlTypeUtil.inCharFamily(call.getOperands().get(0).getType())) {
                return converted; // binary strings, and forms this does not know, stay Calcite's
            }
            SqlOperator operator = call.getOperator();
            int n = call.getOperands().size();
            SqlUserDefinedFunction ours;
            if (operator.getKind() == SqlKind.CHAR_LENGTH) {
                ours = LENGTH;
            } else if (operator.getKind() == SqlKind.POSITION) {
                if (n != 2) {
                    return converted; // POSITION … FROM: Calcite's (not PostgreSQL's)
                }
                ours = POSITION;
            } else if (SqlStdOperatorTable.OVERLAY.equals(operator)) {
                ours = n == 3 ? OVERLAY : OVERLAY_FOR;
            } else {
                ours = n == 2 ? SUBSTRING_FROM : SUBSTRING_FOR;
            }
            List<RexNode> typed = call.getOperands().stream().map(operand -> SqlTypeUtil.isNumeric(operand.getType())
                && !SqlTypeUtil.isIntType(operand.getType()) ? HindsightConvertlets.wholeNumber(cx, operand) : operand)
                .toList();
            return cx.getRexBuilder().makeCall(call.getType(), ours, typed);
        };
    }

    /**
     * The convertlet of a CAST: text cast to {@code CHAR(n)} or a shorter {@code VARCHAR(n)} is cut to (and a CHAR
     * padded to) {@code n} characters by {@link #fit}/{@link #fitPadded}, else {@code next}'s.
     */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RelDataType from = cx.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
            if (from == null || !SqlTypeUtil.inCharFamily(from) || cast.operandCount() != 2
                || !(cast.operand(1) instanceof SqlDataTypeSpec spec)) {
                return next.convertCall(cx, cast);
            }
            RelDataType to = HindsightConvertlets.castTarget(cx, cast, spec, from);
            int length = to.getPrecision();
            boolean padded = to.getSqlTypeName() == SqlTypeName.CHAR;
            boolean fits = from.getSqlTypeName() == SqlTypeName.VARCHAR && from.getPrecision() <= length
                && from.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED;
            if (!SqlTypeUtil.inCharFamily(to) || length == RelDataType.PRECISION_NOT_SPECIFIED || (!padded && fits)) {
                return next.convertCall(cx, cast);
            }
            RexBuilder rex = cx.getRexBuilder();
            return rex.makeCall(to, padded ? FIT_PADDED : FIT, List.of(cx.convertExpression(cast.operand(0)),
                rex.makeExactLiteral(BigDecimal.valueOf(length))));
        };
    }

    /** The number of characters (code points) in {@code text}. */
    public static int charLength(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Where {@code sought} first starts in {@code text}, counted in characters from 1; 0 if nowhere. */
    public static int position(String sought, String text) {
        int at = text.indexOf(sought);
        return at < 0 ? 0 : text.codePointCount(0, at) + 1;
    }

    /** {@code SUBSTRING(text FROM start)}: the characters from {@code start} (counted from 1) on. */
    public static String substringFrom(String text, long start) {
        return start <= 1 ? text : text.substring(offset(text, 0, start - 1));
    }

    /** {@code SUBSTRING(text FROM start FOR length)}: as SQL says, positions before 1 count toward the length. */
    public static String substring(String text, long start, long length) {
        if (length < 0) {
            throw SqlErrors.of(SqlErrors.SUBSTRING_ERROR, "negative substring length not allowed: " + length);
        }
        long end = start + Math.min(length, Integer.MAX_VALUE); // exclusive, counted from 1
        if (end <= 1) {
            return "";
        }
        long skipped = Math.max(start - 1, 0);
        int from = offset(text, 0, skipped);
        return text.substring(from, offset(text, from, end - 1 - skipped));
    }

    /** {@code OVERLAY(text PLACING with FROM start)}: as many characters as {@code with} has replaced from there. */
    public static String overlay(String text, String with, long start) {
        return overlayFor(text, with, start, charLength(with));
    }

    /**
     * {@code OVERLAY(text PLACING with FROM start FOR length)}, as PostgreSQL's: the text before {@code start},
     * {@code with}, then the text from {@code start + length} on (Calcite's failed past the text's end).
     */
    public static String overlayFor(String text, String with, long start, long length) {
        if (start < 1) {
            throw SqlErrors.of(SqlErrors.SUBSTRING_ERROR, "negative substring length not allowed: OVERLAY FROM "
                + start);
        }
        return substring(text, 1, start - 1) + with + substringFrom(text, start + length);
    }

    /** {@code text} cut to {@code length} characters: a cast to {@code VARCHAR(length)}. */
    public static String fit(String text, long length) {
        return text.length() <= length ? text : text.substring(0, offset(text, 0, length));
    }

    /** {@code text} cut or padded with blanks to {@code length} characters: a cast to {@code CHAR(length)}. */
    public static String fitPadded(String text, long length) {
        String cut = fit(text, length);
        int missing = (int) length - charLength(cut);
        return missing <= 0 ? cut : cut + " ".repeat(missing);
    }

    /**
     * The index in {@code text} {@code count} characters (code points) after index {@code from}, or the text's end
     * if it has fewer: the work is that of the characters passed, not of the whole text (a {@code SUBSTRING} of the
     * first few characters of a large {@code data} reads those).
     */
    static int offset(String text, int from, long count) {
        int at = from;
        int n = text.length();
        for (long i = 0; i < count && at < n; i++) {
            at += Character.isHighSurrogate(text.charAt(at)) && at + 1 < n
                && Character.isLowSurrogate(text.charAt(at + 1)) ? 2 : 1;
        }
        return at;
    }

    /** One of this class's methods, of text and BIGINT operands, typed by the call it replaces. */
    private static SqlUserDefinedFunction function(String name, String method, SqlTypeFamily... families) {
        List<SqlTypeFamily> list = List.of(families);
        return HindsightConvertlets.function(name, ReturnTypes.ARG0_NULLABLE, list,
            types -> list.stream().map(f -> operandType(types, f)).toList(), CodePointText.class, method);
    }

    private static RelDataType operandType(RelDataTypeFactory types, SqlTypeFamily family) {
        return types.createSqlType(family == SqlTypeFamily.INTEGER ? SqlTypeName.BIGINT : SqlTypeName.VARCHAR);
    }
}
