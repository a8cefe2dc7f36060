package dev.hindsight.jdbc.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Text read as a number: what a column's text holds decides the answer, and no text can make the read run long. An
 * exponent is a few characters whose whole number is 10 to its power: {@code toBigInteger()} of {@code 1e999999999}
 * (or of {@code 1e-999999999}, dividing by that power) computes a number of a billion digits.
 */
class TextNumbersTest {

    @Test
    void aWholeNumberIsTheTextsFractionCutOffAndAHugeExponentIsOutOfRangeAtOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThat(TextNumbers.whole(" 12.9 ", 20, 1)).isEqualTo(BigInteger.valueOf(12));
            assertThat(TextNumbers.whole("-1e3", 20, 1)).isEqualTo(BigInteger.valueOf(-1000));
            assertThat(TextNumbers.whole("1e999999999", 20, 1)).isNull();
            assertThat(TextNumbers.whole("1e-999999999", 20, 1)).isEqualTo(BigInteger.ZERO);
            SQLException e = catchThrowableOfType(SQLException.class,
                () -> WholeNumberReads.narrowed("1e999999999", 64, 3));
            assertThat(e.getSQLState()).isEqualTo("22003");
            assertThat(TextNumbers.floating("1e999999999", 1)).isInfinite();
        });
    }

    @Test
    void textLongerThanAnyNumberIsNotParsed() {
        String digits = "9".repeat(1_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            SQLException e = catchThrowableOfType(SQLException.class, () -> TextNumbers.decimal(digits, 2));
            assertThat(e.getSQLState()).isEqualTo("22018");
            assertThat(e.getMessage()).contains("column 2 holds text of 1000000 characters");
        });
    }

    @Test
    void aTruthValueIsReadAsPostgresqlsDriverReadsOne() throws SQLException {
        for (String yes : new String[] {"true", " T ", "yes", "y", "ON", "1"}) {
            assertThat(TextNumbers.bool(yes, 1)).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "f", "No", "n", "off", "0"}) {
            assertThat(TextNumbers.bool(no, 1)).as(no).isFalse();
        }
        assertThat(catchThrowableOfType(SQLException.class, () -> TextNumbers.bool("maybe", 4)).getMessage())
            .isEqualTo("column 4 holds the text 'maybe', not a truth value");
        // another number is no truth value to PostgreSQL's driver either
        assertThat(catchThrowableOfType(SQLException.class, () -> TextNumbers.bool("2.5", 4)).getSQLState())
            .isEqualTo("22018");
    }
}
