package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code DOUBLE} arithmetic that fails where PostgreSQL's fails, instead of answering a value that is no number:
 * a result beyond the type is 22003 "value out of range: overflow" ({@code 1e308 * 10} was {@code Infinity}), a
 * division by zero 22012 ({@code CAST(1 AS DOUBLE) / 0} was {@code Infinity}, {@code 0.0 / 0} {@code NaN}), the square
 * root of a negative number and a power without a real answer 2201F ({@code SQRT(-1)} was {@code NaN},
 * {@code POWER(0, -1)} {@code Infinity}). {@link CheckedArithmetic} puts these functions in place of {@code +},
 * {@code -}, {@code *}, {@code /}, {@code SQRT} and {@code POWER} whose result is a {@code DOUBLE}; an operand that
 * is infinite already (cast from {@code 'Infinity'}) may give an infinite result, as in PostgreSQL. Public for
 * Calcite's generated code.
 */
@Strict // NULL in, NULL out: Calcite's generated code calls the methods with values only
public final class FloatingPoint {

    private static final SqlUserDefinedFunction PLUS = function("HINDSIGHT_DOUBLE_PLUS", "plus", 2);
    private static final SqlUserDefinedFunction MINUS = function("HINDSIGHT_DOUBLE_MINUS", "minus", 2);
    private static final SqlUserDefinedFunction TIMES = function("HINDSIGHT_DOUBLE_TIMES", "times", 2);
    private static final SqlUserDefinedFunction DIVIDE = function("HINDSIGHT_DOUBLE_DIVIDE", "divide", 2);
    private static final SqlUserDefinedFunction SQRT = function("HINDSIGHT_SQRT", "sqrt", 1);
    private static final SqlUserDefinedFunction POWER = function("HINDSIGHT_POWER", "power", 2);
    private static final SqlUserDefinedFunction OF_TEXT = ofText("HINDSIGHT_DOUBLE_OF_TEXT", ReturnTypes.ARG0,
        "ofText");
    private static final SqlUserDefinedFunction OF_TEXT_OR_NULL = ofText("HINDSIGHT_DOUBLE_OF_TEXT_OR_NULL",
        ReturnTypes.ARG0_FORCE_NULLABLE, "ofTextOrNull");

    private FloatingPoint() {
    }

    /** {@code call} with its checked function in place, if it is one of those with a DOUBLE result; else null. */
    static @Nullable RexNode checked(RexBuilder rex, RexCall call) {
        if ((call.getKind() == SqlKind.CAST || call.getKind() == SqlKind.SAFE_CAST)
            && SqlTypeName.APPROX_TYPES.contains(call.getType().getSqlTypeName())) {
            return castOfText(rex, call);
        }
        if (call.getType().getSqlTypeName() != SqlTypeName.DOUBLE) {
            return null;
        }
        SqlUserDefinedFunction checked = switch (call.getKind()) {
            case PLUS -> PLUS;
            case MINUS -> MINUS;
            case TIMES -> TIMES;
            case DIVIDE -> DIVIDE;
            default -> SqlStdOperatorTable.SQRT.equals(call.getOperator()) ? SQRT
                : SqlStdOperatorTable.POWER.equals(call.getOperator()) ? POWER : null;
        };
        if (checked == null || call.getOperands().size() != checked.getOperandCountRange().getMax()) {
            return null; // a date or interval minus, say, has another type anyway
        }
        List<RexNode> operands = call.getOperands().stream().map(o -> asDouble(rex, o)).toList();
        return rex.makeCall(call.getType(), checked, operands);
    }

    /**
     * {@code expression} with its casts of text to a floating-point type checked ({@link #ofText}) and nothing else,
     * for a projection's expressions that run per event ({@code ProjectionCompiler}): a text the type cannot hold
     * fails there as a cast of text to a number fails, where it was {@code Infinity} or 0 and the query over the same
     * events 22003.
     */
    static RexNode textCastsIn(RexBuilder rex, RexNode expression) {
        return expression.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                RexNode visited = super.visitCall(call);
                if (visited instanceof RexCall cast && (cast.getKind() == SqlKind.CAST
                    || cast.getKind() == SqlKind.SAFE_CAST)
                    && SqlTypeName.APPROX_TYPES.contains(cast.getType().getSqlTypeName())) {
                    RexNode checked = castOfText(rex, cast);
                    return checked != null ? checked : visited;
                }
                return visited;
            }
        });
    }

    /**
     * A cast of text to a floating-point type, its value checked ({@link #ofText}); null if {@code cast} casts no
     * text. A safe cast ({@code JSON_VALUE … RETURNING DOUBLE}'s, NULL on error) is NULL out of range instead.
     */
    private static @Nullable RexNode castOfText(RexBuilder rex, RexCall cast) {
        RexNode text = cast.getOperands().get(0);
        if (text.getType().getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
            return null;
        }
        boolean safe = cast.getKind() == SqlKind.SAFE_CAST;
        RexNode value = asDouble(rex, cast);
        RexNode checked = rex.makeCall(safe ? rex.getTypeFactory().createTypeWithNullability(value.getType(), true)
            : value.getType(), safe ? OF_TEXT_OR_NULL : OF_TEXT, List.of(value, text));
        return cast.getType().getSqlTypeName() == SqlTypeName.DOUBLE ? checked : rex.makeCast(
            rex.getTypeFactory().createTypeWithNullability(cast.getType(), checked.getType().isNullable()), checked);
    }

    /**
     * The convertlet of a CAST: {@code next}'s, but a literal text whose number is beyond a floating-point type
     * ({@code CAST('1e400' AS DOUBLE)}, which Calcite's simplification folds into an infinite literal before
     * {@link CheckedArithmetic} sees it) fails as {@link #ofText} does, when the statement is prepared.
     */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return (cx, cast) -> {
            RexNode converted = next.convertCall(cx, cast);
            if (converted instanceof RexCall c && c.getKind() == SqlKind.CAST
                && cast.operand(0) instanceof SqlCharStringLiteral text
                && SqlTypeName.APPROX_TYPES.contains(c.getType().getSqlTypeName())) {
                String value = text.getValueAs(String.class).strip();
                try {
                    ofText(c.getType().getSqlTypeName() == SqlTypeName.REAL ? Float.parseFloat(value)
                        : Double.parseDouble(value), value);
                } catch (NumberFormatException e) {
                    // no number: the cast's own error, when it runs
                }
            }
            return converted;
        };
    }

    /**
     * {@code value}, read from {@code text}; 22003 if the text's number is beyond the type (it read as infinite
     * where the text says no infinity: {@code '1e400'}; as zero where it is not: {@code '1e-400'}), as PostgreSQL's
     * {@code float8} input (Calcite's cast answered {@code Infinity} and 0).
     */
    public static double ofText(double value, String text) {
        if (outOfRange(value, text)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "\"" + text.strip()
                + "\" is out of range for a floating-point type");
        }
        return value;
    }

    /** {@link #ofText}, NULL where it fails. */
    public static Double ofTextOrNull(double value, String text) {
        return outOfRange(value, text) ? null : value;
    }

    /**
     * Whether {@code value} read as infinite from {@code text} that names no infinity, or as zero from text whose
     * number is not ({@code '1e-400'}: below the smallest double, as PostgreSQL's input refuses it too). Public for
     * the parameters' conversions ({@code dev.hindsight.sql.jdbc}), which read text for a DOUBLE so too.
     */
    public static boolean outOfRange(double value, String text) {
        return Double.isInfinite(value) ? !text.toLowerCase(Locale.ROOT).contains("inf")
            : value == 0 && nonZero(text);
    }

    /** Whether a digit of {@code text}'s number before its exponent is not zero. */
    private static boolean nonZero(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static RexNode asDouble(RexBuilder rex, RexNode operand) {
        RelDataType type = operand.getType();
        if (type.getSqlTypeName() == SqlTypeName.DOUBLE) {
            return operand;
        }
        return rex.makeCast(rex.getTypeFactory().createTypeWithNullability(
            rex.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), type.isNullable()), operand);
    }

    public static double plus(double a, double b) {
        return finite(a + b, a, b);
    }

    public static double minus(double a, double b) {
        return finite(a - b, a, b);
    }

    public static double times(double a, double b) {
        return finite(a * b, a, b);
    }

    /** {@code a / b}; 22012 for a zero {@code b}, as PostgreSQL's {@code float8} division. */
    public static double divide(double a, double b) {
        if (b == 0) {
            throw SqlErrors.of(SqlErrors.DIVISION_BY_ZERO, "division by zero");
        }
        return finite(a / b, a, b);
    }

    /** The square root; 2201F for a negative number. */
    public static double sqrt(double x) {
        if (x < 0) {
            throw SqlErrors.of(SqlErrors.INVALID_ARGUMENT_FOR_POWER, "cannot take square root of a negative number ("
                + x + ")");
        }
        return Math.sqrt(x);
    }

    /** {@code x} to the power {@code y}; 2201F where no real number is the answer. */
    public static double power(double x, double y) {
        if (x == 0 && y < 0) {
            throw SqlErrors.of(SqlErrors.INVALID_ARGUMENT_FOR_POWER, "zero raised to a negative power is undefined");
        }
        if (x < 0 && y == 0.5) { // Calcite's SQRT(x) is POWER(x, 0.5)
            throw SqlErrors.of(SqlErrors.INVALID_ARGUMENT_FOR_POWER, "cannot take square root of a negative number ("
                + x + ")");
        }
        if (x < 0 && y != Math.rint(y) && Double.isFinite(y)) {
            throw SqlErrors.of(SqlErrors.INVALID_ARGUMENT_FOR_POWER, "a negative number raised to a non-integer "
                + "power yields a complex result (" + x + " ^ " + y + ")");
        }
        return finite(Math.pow(x, y), x, y);
    }

    private static double finite(double result, double a, double b) {
        if (Double.isInfinite(result) && Double.isFinite(a) && Double.isFinite(b)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        if (Double.isNaN(result) && !Double.isNaN(a) && !Double.isNaN(b) && Double.isFinite(a)
            && Double.isFinite(b)) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: not a number");
        }
        return result;
    }

    /** {@link #ofText} or its sibling, of a DOUBLE and the text it was read from. */
    private static SqlUserDefinedFunction ofText(String name, SqlReturnTypeInference returns, String method) {
        return HindsightConvertlets.function(name, returns, List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.CHARACTER),
            types -> List.of(types.createSqlType(SqlTypeName.DOUBLE), types.createSqlType(SqlTypeName.VARCHAR)),
            FloatingPoint.class, method);
    }

    /** One of this class's methods, of {@code operands} DOUBLEs, typed by the call it replaces. */
    private static SqlUserDefinedFunction function(String name, String method, int operands) {
        List<SqlTypeFamily> families = operands == 1 ? List.of(SqlTypeFamily.NUMERIC)
            : List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC);
        return HindsightConvertlets.function(name, ReturnTypes.DOUBLE_NULLABLE, families,
            types -> families.stream().map(f -> types.createSqlType(SqlTypeName.DOUBLE)).toList(),
            FloatingPoint.class, method);
    }
}
