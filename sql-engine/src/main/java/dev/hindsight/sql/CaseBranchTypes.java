package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The branches of a {@code CASE} (and so of {@code COALESCE} and {@code NULLIF}, which Calcite writes as one) that are
 * a date or time beside a number or an interval are 42804, as PostgreSQL says "CASE types integer and date cannot be
 * matched": Calcite's coercion made the number a date, {@code COALESCE(NULL, 7, DATE '2024-01-01')} 1970-01-08.
 */
final class CaseBranchTypes {

    /** A number written plainly: a sign, digits, a point; no exponent. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");
    /** The most digits a literal made of a text's number has: a {@code DECIMAL}'s. */
    private static final long MAX_DIGITS = 38;
    /** The words a floating-point number's text may be beside the digits. */
    private static final Pattern FLOAT_WORD = Pattern.compile("[+-]?(?i:nan|infinity)");
    /** Texts a cast reads as a date, a timestamp, a time, a boolean (PostgreSQL's ISO forms). */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile(
        "\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)?");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?");
    private static final Pattern BOOLEAN = Pattern.compile("(?i:true|false|t|f|yes|no|y|n|on|off|1|0)");

    private CaseBranchTypes() {
    }

    /**
     * Gives a branch that is a text literal the type of the others when they are numbers, dates and times or booleans,
     * as PostgreSQL resolves a literal of no type: {@code COALESCE(seq, '0')} is a {@code BIGINT} and
     * {@code CASE WHEN … THEN ts ELSE '2026-12-05 09:00' END} a timestamp. Calcite made the others text, so such a
     * value sorted, compared and took its {@code MAX} as text ({@code MAX(COALESCE(seq, '0'))} of 1 to 12 was 9). A
     * number's text is the number it writes ({@code '1.50'} beside a {@code DECIMAL}). Where one is no value of the
     * type ({@code COALESCE(n, 'n/a')}, a fraction or a number beyond the type beside whole numbers), the branches stay
     * text, as Calcite typed them (PostgreSQL refuses the statement, 22P02).
     */
    static void typeTextLiterals(SqlValidator validator, SqlValidatorScope scope, SqlCase call) {
        SqlNodeList thens = call.getThenOperands();
        List<RelDataType> others = new ArrayList<>();
        boolean text = false;
        for (int i = 0; i <= thens.size(); i++) {
            SqlNode branch = i < thens.size() ? thens.get(i) : call.getElseOperand();
            if (branch instanceof SqlCharStringLiteral) {
                text = true;
            } else if (branch != null && HindsightSqlValidator.typedAlone(branch)) {
                others.add(validator.deriveType(scope, branch));
            }
        }
        RelDataType type = text && !others.isEmpty() ? validator.getTypeFactory().leastRestrictive(others) : null;
        if (type == null || !(SqlTypeUtil.isNumeric(type) || SqlTypeUtil.isDatetime(type)
            || type.getSqlTypeName() == SqlTypeName.BOOLEAN)) {
            return;
        }
        List<SqlNode> typed = new ArrayList<>();
        for (int i = 0; i <= thens.size(); i++) {
            SqlNode branch = i < thens.size() ? thens.get(i) : call.getElseOperand();
            SqlNode value = branch instanceof SqlCharStringLiteral literal ? typed(literal, type) : branch;
            if (value == null && branch != null) {
                return; // text that is no value of the type: the branches stay text, as Calcite typed them
            }
            typed.add(value);
        }
        for (int i = 0; i < thens.size(); i++) {
            thens.set(i, typed.get(i));
        }
        if (call.getElseOperand() instanceof SqlCharStringLiteral) {
            call.setOperand(3, typed.get(thens.size()));
        }
    }

    /**
     * {@code literal} as a value of {@code type}, or null where it is none that can be told before it runs: the number
     * it writes, as a literal, where it is a plain decimal of at most 38 digits (beside whole numbers: a whole one
     * within the type; an exponent is not written out, so {@code '1e2000000000'} is never two billion digits); a cast
     * of it where it is written as a value of the type is ({@code 'NaN'} for a {@code DOUBLE}, a date, a boolean). A
     * cast that would fail is not made: it failed the statement where PostgreSQL does too, but Calcite computes it
     * once for the compiled plan, so a second run of the same text failed with an internal error.
     */
    private static @Nullable SqlNode typed(SqlCharStringLiteral literal, RelDataType type) {
        SqlParserPos pos = literal.getParserPosition();
        String text = literal.getValueAs(String.class).strip();
        if (SqlTypeUtil.isNumeric(type) && PLAIN_NUMBER.matcher(text).matches()
            && text.chars().filter(Character::isDigit).count() <= MAX_DIGITS) {
            BigDecimal number = new BigDecimal(text);
            if (!SqlTypeUtil.isIntType(type) || (number.scale() <= 0 && within(number, type))) {
                SqlNode magnitude = SqlLiteral.createExactNumeric(number.abs().toPlainString(), pos);
                return number.signum() < 0 ? SqlStdOperatorTable.UNARY_MINUS.createCall(pos, magnitude) : magnitude;
            }
            return null;
        }
        Pattern form = SqlTypeName.APPROX_TYPES.contains(type.getSqlTypeName()) ? FLOAT_WORD
            : type.getSqlTypeName() == SqlTypeName.DATE ? DATE
            : type.getSqlTypeName() == SqlTypeName.TIMESTAMP ? TIMESTAMP
            : type.getSqlTypeName() == SqlTypeName.TIME ? TIME
            : type.getSqlTypeName() == SqlTypeName.BOOLEAN ? BOOLEAN : null;
        return form != null && form.matcher(text).matches()
            ? SqlStdOperatorTable.CAST.createCall(pos, literal, SqlTypeUtil.convertTypeToSpec(type)) : null;
    }

    /** Whether whole {@code number} is a value of integer {@code type}. */
    private static boolean within(BigDecimal number, RelDataType type) {
        BigInteger min = SqlTypeUtil.integerBound(type, false);
        BigInteger max = SqlTypeUtil.integerBound(type, true);
        return min != null && max != null && number.compareTo(new BigDecimal(min)) >= 0
            && number.compareTo(new BigDecimal(max)) <= 0;
    }

    /** Refuses {@code call}'s branches if a date or time meets a number or an interval among them. */
    static void check(SqlValidator validator, SqlValidatorScope scope, SqlCase call) {
        List<SqlNode> branches = new ArrayList<>(call.getThenOperands().getList());
        if (call.getElseOperand() != null) {
            branches.add(call.getElseOperand());
        }
        List<RelDataType> types = new ArrayList<>();
        for (SqlNode branch : branches) {
            if (branch != null && HindsightSqlValidator.typedAlone(branch)) {
                types.add(validator.deriveType(scope, branch));
            }
        }
        String unmatched = datetimeBesideNumber(types);
        if (unmatched != null) {
            throw SqlErrors.of(SqlErrors.DATATYPE_MISMATCH, "CASE types " + unmatched + " cannot be matched (also in "
                + "COALESCE or NULLIF): cast one to the other's type");
        }
    }

    /**
     * The types that cannot be one among {@code types}, a number or an interval and a date or time (the last of each),
     * as PostgreSQL names them ({@code INTEGER and DATE}); null if there are none. Also for a set operation's columns
     * ({@link SetOperationTypes}).
     */
    static @Nullable String datetimeBesideNumber(List<RelDataType> types) {
        RelDataType datetime = null;
        RelDataType quantity = null;
        for (RelDataType type : types) {
            if (SqlTypeUtil.isDatetime(type)) {
                datetime = type;
            } else if (SqlTypeUtil.isNumeric(type) || SqlTypeUtil.isInterval(type)) {
                quantity = type;
            }
        }
        return datetime == null || quantity == null ? null
            : quantity.getSqlTypeName() + " and " + datetime.getSqlTypeName();
    }
}
