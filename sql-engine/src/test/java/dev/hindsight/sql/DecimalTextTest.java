package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.apache.calcite.linq4j.tree.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DecimalText} answers exactly what Calcite's cast ({@code Primitive.charToDecimalCast}) answers, value and
 * scale, or nothing: rounding, errors and every unusual spelling are left to Calcite's cast.
 */
class DecimalTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0.0", "-0.00", "7", "-7", "12.5", "-12.5", "12.34", "-12.34", "007.50",
        "-000.01", ".5", "-.25", "9999999999.99", "-9999999999.99", "9999999999.9", "0000000000000000000000001.5",
        "100", "1000.0"})
    void plainNumeralsAreCalcitesValue(String text) {
        BigDecimal fast = DecimalText.parse(text, 12, 2);
        assertThat(fast).isNotNull();
        assertThat(fast).isEqualTo(calcite(text, 12, 2, RoundingMode.DOWN)).isEqualTo(
            calcite(text, 12, 2, RoundingMode.HALF_UP));
        assertThat(fast.scale()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.005", "-1.005", "12.345", "0.001", "1e3", "1E-2", "1.5e1", " 12.5", "12.5 ", "+12.5",
        "12.", "0.000", "-", ".", "", "abc", "1.2.3", "--1", "1-2", "0x10", "Infinity", "NaN", "1,5"})
    void anythingElseIsLeftToCalcite(String text) {
        assertThat(DecimalText.parse(text, 12, 2)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000", "-10000000000.00", "99999999999.99", "123456789012345678901234567890",
        "0.0000000000000000000000000001"})
    void tooManyDigitsFailAsBeforeInCalcite(String text) {
        assertThat(DecimalText.parse(text, 12, 2)).isNull();
        if (!text.startsWith("0.")) {
            assertThatThrownBy(() -> calcite(text, 12, 2, RoundingMode.DOWN)).isInstanceOf(ArithmeticException.class);
        }
    }

    @Test
    void otherPrecisionsAndScales() {
        assertThat(DecimalText.parse("123", 3, 0)).isEqualTo(new BigDecimal("123"));
        assertThat(DecimalText.parse("1234", 3, 0)).isNull();
        assertThat(DecimalText.parse("1.5", 3, 0)).isNull();
        assertThat(DecimalText.parse("1", 19, 2)).isNull();
        assertThat(DecimalText.parse("1", 5, -1)).isNull();
        assertThat(DecimalText.parse("999999999999999999", 18, 0)).isEqualTo(new BigDecimal("999999999999999999"));
        assertThat(DecimalText.parse("-0.000000000000000001", 18, 18)).isEqualTo(new BigDecimal("-1E-18"));
    }

    @Test
    void randomNumeralsAgreeWithCalcite() {
        Random random = new Random(42);
        String alphabet = "0123456789.-e";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + random.nextInt(22);
            for (int i = 0; i < len; i++) {
                b.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                    : (char) ('0' + random.nextInt(10)));
            }
            String text = b.toString();
            int precision = 1 + random.nextInt(18);
            int scale = random.nextInt(precision + 1);
            BigDecimal fast = DecimalText.parse(text, precision, scale);
            if (fast != null) {
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.HALF_UP}) {
                    BigDecimal cast = calcite(text, precision, scale, mode);
                    assertThat(fast).as(text + " as DECIMAL(%d, %d)", precision, scale).isEqualTo(cast);
                }
            }
        }
    }

    private static BigDecimal calcite(String text, int precision, int scale, RoundingMode mode) {
        return (BigDecimal) Primitive.charToDecimalCast(text, precision, scale, mode);
    }
}
