package dev.hindsight.sql;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;

/**
 * A floating-point number cast to text is written as PostgreSQL writes it: the fewest digits that read back as the
 * same number, plainly while its point is at most 15 digits from the first ({@code REAL}: 6) and no more than three
 * zeros lead, else with an exponent of at least two digits: {@code 0}, {@code 100}, {@code 0.1}, {@code 0.0001},
 * {@code 1e-05}, {@code 1e+15}, {@code 1.2345678901234568e+17}, {@code NaN}, {@code -Infinity}. Calcite's cast wrote
 * Java's form: {@code 0E0}, {@code 100.0}, {@code 1.0E20}; also where the validator casts one ({@code 'x' || 1e0}).
 * Public for Calcite's generated code.
 */
@Strict // NULL in, NULL out
public final class FloatText {

    private static final SqlUserDefinedFunction DOUBLE_TEXT = function("ofDouble", SqlTypeName.DOUBLE);
    private static final SqlUserDefinedFunction REAL_TEXT = function("ofReal", SqlTypeName.REAL);

    private FloatText() {
    }

    /** The convertlet of a CAST: this class's when it casts a {@code DOUBLE} or {@code REAL} to text, else next's. */
    static SqlRexConvertlet cast(SqlRexConvertlet next) {
        return HindsightConvertlets.castToText(next, from -> switch (from) {
            case DOUBLE, FLOAT -> DOUBLE_TEXT;
            case REAL -> REAL_TEXT;
            default -> null;
        });
    }

    /** A {@code DOUBLE} as PostgreSQL's {@code float8} text. */
    public static String ofDouble(double value) {
        return text(value, 17, 15, false);
    }

    /** A {@code REAL} as PostgreSQL's {@code float4} text. */
    public static String ofReal(float value) {
        return text(value, 9, 6, true);
    }

    /**
     * {@code value} in the fewest significant digits (at most {@code maxDigits}) that read back as it, plain while the
     * digits before the point are at most {@code plainDigits} and at most three zeros follow it before the first.
     */
    private static String text(double value, int maxDigits, int plainDigits, boolean real) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(value);
        // the points halfway to the neighbouring values: a number exactly there reads back as this value only by
        // round-half-even, which PostgreSQL's shortest text (Ryu) does not count on: 1e23 is 9.999999999999999e+22
        BigDecimal halfUp = halfway(exact, real ? Math.nextUp((float) value) : Math.nextUp(value));
        BigDecimal halfDown = halfway(exact, real ? Math.nextDown((float) value) : Math.nextDown(value));
        BigDecimal shortest = exact;
        // of each length, the nearest number below and above: where the gap below is half the gap above (a power of
        // two), the one that reads back may be the farther of them from the value, which rounding to nearest misses
        boolean found = false;
        for (int digits = 1; digits <= maxDigits && !found; digits++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(digits, mode));
                boolean same = (real ? candidate.floatValue() == (float) value : candidate.doubleValue() == value)
                    && !sameNumber(candidate, halfUp) && !sameNumber(candidate, halfDown);
                if (same && (best == null
                    || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = candidate;
                }
            }
            if (best != null) {
                shortest = best;
                found = true;
            }
        }
        shortest = shortest.stripTrailingZeros();
        int point = shortest.precision() - shortest.scale(); // digits before the point; <= 0 for 0.0…
        if (point >= -3 && point <= plainDigits) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = point - 1;
        StringBuilder text = new StringBuilder(shortest.signum() < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        text.append(exponent < 0 ? "e-" : "e+");
        int magnitude = Math.abs(exponent);
        return text.append(magnitude < 10 ? "0" : "").append(magnitude).toString();
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return b != null && a.compareTo(b) == 0;
    }

    /** The number halfway from {@code exact} to {@code neighbour}; null past the largest value (no neighbour). */
    private static BigDecimal halfway(BigDecimal exact, double neighbour) {
        return Double.isInfinite(neighbour) ? null
            : exact.add(new BigDecimal(neighbour)).divide(BigDecimal.valueOf(2)).stripTrailingZeros();
    }

    private static SqlUserDefinedFunction function(String method, SqlTypeName from) {
        return HindsightConvertlets.function("HINDSIGHT_FLOAT_TEXT", ReturnTypes.VARCHAR_NULLABLE,
            SqlTypeFamily.NUMERIC, types -> types.createSqlType(from), FloatText.class, method);
    }
}
