package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A floating-point number as text is PostgreSQL's: given the fixture's streams a (3 events), b (2), c (1), when a
 * statement casts a {@code DOUBLE} or a {@code REAL} to text (or the validator does, beside text), then the text is
 * PostgreSQL 15's: the fewest digits that read back, an exponent beyond 15 digits (a {@code REAL}'s 6) or past three
 * leading zeros. Calcite's was Java's: {@code 0E0}, {@code 100.0}, {@code 1.0E20}.
 */
class FloatTextTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenDoubles_whenCastToText_thenPostgresqlsText() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT CAST(CAST(0 AS DOUBLE) AS VARCHAR), CAST(100e0 AS VARCHAR), "
            + "CAST(0.1e0 AS VARCHAR), CAST(1e0 / 3 AS VARCHAR), CAST(999999999999999e0 AS VARCHAR), "
            + "CAST(0.0001e0 AS VARCHAR)"))
            .as("plain").containsExactly("0, 100, 0.1, 0.3333333333333333, 999999999999999, 0.0001");
        assertThat(sql.rowsOfStatement("SELECT CAST(1e15 AS VARCHAR), CAST(1e20 AS VARCHAR), "
            + "CAST(1.5e-5 AS VARCHAR), CAST(123456789012345678e0 AS VARCHAR), CAST(-2.5e300 AS VARCHAR), "
            + "CAST(CAST('NaN' AS DOUBLE) AS VARCHAR), CAST(CAST('-Infinity' AS DOUBLE) AS VARCHAR)"))
            .as("with an exponent")
            .containsExactly("1e+15, 1e+20, 1.5e-05, 1.2345678901234568e+17, -2.5e+300, NaN, -Infinity");
        assertThat(sql.rowsOfStatement("SELECT CAST(1e23 AS VARCHAR), CAST(2e23 AS VARCHAR), CAST(8.41e21 AS VARCHAR), "
            + "CAST(1.7976931348623157e308 AS VARCHAR), CAST(5e-324 AS VARCHAR)"))
            .as("1e23 is exactly halfway between two doubles: reading it back as this one takes round-half-even, "
                + "which PostgreSQL 15's shortest text does not count on")
            .containsExactly("9.999999999999999e+22, 1.9999999999999998e+23, 8.409999999999999e+21, "
                + "1.7976931348623157e+308, 5e-324");
    }

    @Test
    void givenReals_whenCastToText_thenTheirOwnShortestDigits() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT CAST(CAST(3.14 AS REAL) AS VARCHAR), "
            + "CAST(CAST(0.1 AS REAL) AS VARCHAR), CAST(CAST(123456 AS REAL) AS VARCHAR), "
            + "CAST(CAST(1234567 AS REAL) AS VARCHAR), CAST(CAST(16777217 AS REAL) AS VARCHAR)"))
            .containsExactly("3.14, 0.1, 123456, 1.234567e+06, 1.6777216e+07");
    }

    @Test
    void givenDoublesBesideText_whenConcatenatedOrOfColumns_thenTheSameText() throws SQLException {
        assertThat(sql.rows("SELECT CONCAT('x', 1e0), 'x' || 2.5e0, CAST(1.5e0 AS VARCHAR(2))"))
            .containsExactly("x1, x2.5, 1.");
        assertThat(sql.rows("SELECT CAST(CAST(version AS DOUBLE) * 10 AS VARCHAR) FROM events WHERE stream_id = 'a' "
            + "ORDER BY version")).containsExactly("10", "20", "30");
    }
}
