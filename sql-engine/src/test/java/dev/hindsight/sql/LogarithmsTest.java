package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code LOG}, {@code LOG10} and {@code LOG(b, x)} as PostgreSQL's ({@link Logarithms}): given a number whose
 * logarithm is whole, when it is asked for, then that whole number, not one a last digit short (Calcite divided
 * natural logarithms: {@code LOG(1000)} was 2.9999999999999996); given zero, a negative number or base 1, then
 * PostgreSQL's errors. PostgreSQL 15 answered each of these for the same values.
 */
class LogarithmsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @Test
    void givenPowersOfTen_whenTheirLogarithmIsAsked_thenItIsWhole() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT LOG10(1000), LOG(1000), LOG(10, 1000), LOG10(0.001), LOG10(1e15), "
            + "LOG(100.0), LOG(1)")).containsExactly("3.0, 3.0, 3.0, -3.0, 15.0, 2.0, 0.0");
        assertThat(sql.rows("SELECT LOG(?), LOG10(?)", 1000, 1_000_000L)).containsExactly("3.0, 6.0");
    }

    @Test
    void givenPowersOfAnotherBase_whenTheirLogarithmIsAsked_thenItIsWhole() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT LOG(3, 243), LOG(2, 0.125), LOG(2.5, 6.25), LOG(2, 1024)"))
            .containsExactly("5.0, -3.0, 2.0, 10.0");
        // not a power: as near as a DOUBLE gets (PostgreSQL's numeric says 3.3219280948873623)
        assertThat(sql.rows("SELECT LOG(?, ?)", 2, 10)).containsExactly("3.3219280948873626");
        assertThat(sql.rows("SELECT LOG(CAST(? AS INTEGER)), LOG(2, CAST(? AS DOUBLE))", null, null))
            .containsExactly("null, null");
    }

    @Test
    void givenZeroANegativeNumberOrBaseOne_whenTheirLogarithmIsAsked_thenPostgresErrors() {
        SQLException zero = sql.refusal("SELECT LOG(0)");
        assertThat(zero.getSQLState()).isEqualTo("2201E");
        assertThat(zero.getMessage()).contains("cannot take logarithm of zero");
        SQLException negative = sql.refusal("SELECT LOG10(?)", -1);
        assertThat(negative.getSQLState()).isEqualTo("2201E");
        assertThat(negative.getMessage()).contains("cannot take logarithm of a negative number");
        assertThat(sql.refusal("SELECT LOG(0, 10)").getSQLState()).isEqualTo("2201E");
        assertThat(sql.refusal("SELECT LOG(1, 10)").getSQLState()).isEqualTo("22012"); // Calcite's was Infinity
    }
}
