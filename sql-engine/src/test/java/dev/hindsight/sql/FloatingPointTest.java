package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code DOUBLE} arithmetic fails where PostgreSQL's does ({@link FloatingPoint}): given a log of three events, when a
 * statement computes no number ({@code Infinity}, {@code NaN}: Calcite's answers), then it fails with PostgreSQL's
 * SQLState, literal or computed from a column, statement or prepared; numbers are answered as before.
 */
class FloatingPointTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        SELECT SQRT(-1)                                                     | 2201F | square root of a negative
        SELECT SQRT(CAST(seq AS DOUBLE) - 5) FROM events                    | 2201F | square root of a negative
        SELECT POWER(0, -1)                                                 | 2201F | zero raised to a negative
        SELECT POWER(-8, 1.0 / 3)                                           | 2201F | complex result
        SELECT CAST(1 AS DOUBLE) / 0                                        | 22012 | division by zero
        SELECT CAST(seq AS DOUBLE) / (seq - seq) FROM events                | 22012 | division by zero
        SELECT CAST(1e308 AS DOUBLE) * 10                                   | 22003 | overflow
        SELECT CAST(seq AS DOUBLE) * 1e308 * 1e308 FROM events              | 22003 | overflow
        SELECT CAST('1e400' AS DOUBLE)                                      | 22003 | "1e400" is out of range
        SELECT CAST(CONCAT('1E+99999', '9999') AS DECIMAL(12, 2))          | 22003 | does not fit a DECIMAL(12, 2)
        SELECT CAST('1e40' AS REAL)                                         | 22003 | "1e40" is out of range
        SELECT CAST(CAST('1e39' AS DOUBLE) AS REAL)                         | 22003 | overflow
        SELECT CAST(CAST(seq AS DOUBLE) * 1e39 AS REAL) FROM events         | 22003 | overflow
        SELECT CAST(CAST('1e-50' AS DOUBLE) AS REAL)                        | 22003 | underflow
        SELECT CAST('1e-400' AS DOUBLE)                                     | 22003 | "1e-400" is out of range
        SELECT CAST(CONCAT('1e-', CAST(seq + 399 AS VARCHAR)) AS DOUBLE) FROM events | 22003 | is out of range
        SELECT CAST(CONCAT('1e4', CAST(seq + 99 AS VARCHAR)) AS DOUBLE) FROM events | 22003 | is out of range
        SELECT JSON_VALUE(data, '$.x' RETURNING DOUBLE ERROR ON ERROR) FROM (VALUES ('{"x":1e400}')) t(data) \
          | 22003 | "1E+400" is out of range
        """)
    void givenNoNumberAsTheAnswer_whenComputed_thenPostgresError(String query, String state, String words) {
        for (boolean prepared : new boolean[] {false, true}) {
            SQLException e = catchThrowableOfType(SQLException.class,
                () -> { if (prepared) { sql.rows(query); } else { sql.rowsOfStatement(query); } });
            assertThat((Throwable) e).as(query).isNotNull();
            assertThat(e.getSQLState()).as(query).isEqualTo(state);
            assertThat(e.getMessage()).contains(words);
        }
    }

    @Test
    void givenNumbers_whenComputed_thenTheAnswersAreAsBefore() throws SQLException {
        assertThat(sql.rows("SELECT SQRT(4), POWER(2, 10), POWER(-8, 3), CAST(seq AS DOUBLE) / 2, "
            + "CAST(1.5 AS DOUBLE) + seq, -CAST(seq AS DOUBLE), SQRT(CAST(NULL AS DOUBLE)) FROM events WHERE seq = 3"))
            .containsExactly("2.0, 1024.0, -512.0, 1.5, 4.5, -3.0, null");
        assertThat(sql.rows("SELECT AVG(seq), STDDEV_POP(seq) FROM events")).containsExactly(
            "2.0000000000000000, 0.8164965809277260");
    }

    @Test
    void givenALargeDouble_whenCastToABigint_thenItIsTheNumberTheDoubleIs() throws SQLException {
        // Calcite's cast read the double through its shortest text (2^60 as 1152921504606846980) and took -2^63 for
        // an overflow: psql's answers written in
        assertThat(sql.rows("SELECT CAST(POWER(2, 60) AS BIGINT), CAST(CAST('9.2233720368547748e18' AS DOUBLE) AS "
            + "BIGINT), CAST(CAST('-9223372036854775808' AS DOUBLE) AS BIGINT), CAST(CAST(2.5 AS DOUBLE) AS BIGINT), "
            + "CAST(CAST(1152921504606846976 AS REAL) AS BIGINT), CAST(CAST(NULL AS DOUBLE) AS BIGINT)"))
            .containsExactly("1152921504606846976, 9223372036854774784, -9223372036854775808, 2, "
                + "1152921504606846976, null");
        for (String beyond : new String[] {"9223372036854775808", "Infinity", "-1e19"}) {
            assertThat(sql.refusal("SELECT CAST(CAST('" + beyond + "' AS DOUBLE) AS BIGINT)").getSQLState())
                .as(beyond).isEqualTo("22003");
        }
    }

    @Test
    void givenTextSayingInfinity_whenCastToAFloatingPointType_thenInfinityAsInPostgres() throws SQLException {
        assertThat(sql.rows("SELECT CAST('-Infinity' AS DOUBLE), CAST(' Infinity' AS DOUBLE), CAST('3e38' AS REAL)"))
            .containsExactly("-Infinity, Infinity, 3.0E38");
        // a DOUBLE within a REAL's range, an infinity or NaN is cast as it is (one beyond: 22003, above)
        assertThat(sql.rows("SELECT CAST(CAST('3e38' AS DOUBLE) AS REAL), CAST(CAST('-Infinity' AS DOUBLE) AS REAL), "
            + "CAST(CAST('NaN' AS DOUBLE) AS REAL), CAST(0e0 AS REAL), CAST(CAST(NULL AS DOUBLE) AS REAL)"))
            .containsExactly("3.0E38, -Infinity, NaN, 0.0, null");
        assertThat(sql.rows("SELECT JSON_VALUE(data, '$.x' RETURNING DOUBLE) FROM (VALUES ('{\"x\":1e400}')) t(data)"))
            .as("NULL ON ERROR").containsExactly("null");
    }

    @Test
    void givenAGroupOfOneRow_whenItsSampleVarianceIsAsked_thenNullAsInPostgres() throws SQLException {
        // a NOT NULL type made Calcite cast the NULL of one row to 0.0 in a GROUP BY
        assertThat(sql.rows("SELECT seq, VAR_SAMP(seq), STDDEV_SAMP(seq), VAR_POP(seq) FROM events GROUP BY seq "
            + "ORDER BY seq")).containsExactly("1, null, null, 0.0000000000000000", "2, null, null, 0.0000000000000000",
                "3, null, null, 0.0000000000000000");
    }
}
