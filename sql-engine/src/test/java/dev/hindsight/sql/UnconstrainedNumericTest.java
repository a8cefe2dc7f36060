package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cast to {@code NUMERIC} (or {@code DECIMAL}) of no precision keeps the value's digits, as PostgreSQL's
 * unconstrained {@code numeric}: given the fixture's streams a (3 events), b (2), c (1), when a statement casts
 * numbers or text so, then it gets PostgreSQL 15's answers (Calcite's {@code DECIMAL(38, 0)} rounded each value to a
 * whole number: {@code '3.75'::numeric} was 4, {@code ROUND(AVG(x)::numeric, 2)} of 1.75 was 2.00).
 */
class UnconstrainedNumericTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenNumbersAndText_whenCastToNumericOfNoPrecision_thenEachKeepsItsDigits() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT CAST(1.5 AS NUMERIC), CAST(2.567 AS DECIMAL), CAST(7 AS NUMERIC), "
            + "CAST(NULL AS NUMERIC)"))
            .as("numbers keep their own type").containsExactly("1.5, 2.567, 7, null");
        assertThat(sql.rowsOfStatement("SELECT CAST('3.75' AS NUMERIC), '1.50'::numeric, CAST(' 1e3 ' AS NUMERIC)"))
            .as("text: a DECIMAL(38, 16)").containsExactly("3.7500000000000000, 1.5000000000000000, "
                + "1000.0000000000000000");
        assertThat(sql.rowsOfStatement("SELECT CAST(3.14159e0 AS NUMERIC), (1 / 3e0)::numeric, 0.1e0::numeric, "
            + "CAST(CAST(0.1 AS REAL) AS NUMERIC)"))
            .as("floating-point: PostgreSQL's 15 significant digits (6 of a REAL)")
            .containsExactly("3.1415900000000000, 0.3333333333333330, 0.1000000000000000, 0.1000000000000000");
        assertThat(sql.rowsOfStatement("SELECT CAST(1.5 AS NUMERIC(5)), CAST(1.25 AS NUMERIC(5, 1))"))
            .as("a precision written still rounds").containsExactly("2, 1.3");
    }

    @Test
    void givenPostgresqlsRoundingIdiom_whenAnAverageIsCastAndRounded_thenTheAverageIsRounded() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT ROUND(AVG(x)::numeric, 2), ROUND(SUM(CAST(v AS NUMERIC)), 2), "
            + "0.1::numeric * 3 FROM (VALUES (1.0e0, '1.25'), (2.5e0, '2.5')) t(x, v)"))
            .containsExactly("1.75, 3.75, 0.3");
        assertThat(sql.rows("SELECT SUM(CAST(version AS NUMERIC) * 0.5) FROM events")).containsExactly("5.0");
    }

    @Test
    void givenEqualValuesWrittenDifferently_whenGroupedOrJoined_thenTheyAreOne() throws SQLException {
        // each value at the type's scale: 1.5 and 1.50 kept apart were two groups
        assertThat(sql.rows("SELECT CAST(v AS NUMERIC), COUNT(*) FROM (VALUES ('1.5'), ('1.50'), ('1.500')) t(v) "
            + "GROUP BY 1")).containsExactly("1.5000000000000000, 3");
        assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT CAST('1.5' AS NUMERIC) AS x) a JOIN (VALUES (1.50)) b(y) "
            + "ON a.x = b.y")).containsExactly("1");
    }

    @Test
    void givenUnconstrainedNumerics_whenMultiplied_thenTheProductKeeps16PlacesAndRoomForItsWholeDigits()
        throws SQLException {
        // Calcite typed the product of two DECIMAL(38, 16)s a DECIMAL(38, 32), of three a DECIMAL(38, 38): the
        // comparison cast 5000000 to it and failed, 22003
        assertThat(sql.rowsOfStatement("SELECT CAST('1234567' AS NUMERIC) * CAST('5' AS NUMERIC) > 5000000, "
            + "CAST('1234567.5' AS NUMERIC) * CAST('5.25' AS NUMERIC) * CAST('3' AS NUMERIC)"))
            .containsExactly("true, 19444438.1250000000000000");
        assertThat(sql.rowsOfStatement("SELECT CAST('0.123456789' AS NUMERIC) * CAST('0.987654321' AS NUMERIC), "
            + "CAST(12.345 AS DECIMAL(10, 3)) * CAST(2.5 AS DECIMAL(4, 1))"))
            .as("rounded half up to 16 places; a product that fits keeps its exact scale")
            .containsExactly("0.1219326311126353, 30.8625");
        assertThat(sql.rows("SELECT x * x, COUNT(*) FROM (VALUES ('1.1'), ('1.10'), ('-1.1')) t(v), "
            + "LATERAL (SELECT CAST(v AS NUMERIC) AS x) GROUP BY 1"))
            .as("every product at the type's scale, so equal ones group together").containsExactly(
                "1.2100000000000000, 3");
        assertThat(sql.rows("SELECT CAST(NULL AS NUMERIC) * CAST('2' AS NUMERIC), SUM(a * b) FROM (VALUES "
            + "(CAST('1.5' AS NUMERIC), CAST('2000000' AS NUMERIC)), (CAST(NULL AS NUMERIC), CAST('2' AS NUMERIC))) "
            + "t(a, b)")).as("a NULL factor is a NULL product").containsExactly("null, 3000000.0000000000000000");
        assertThat(sql.rows("SELECT CAST('1.5' AS NUMERIC) * ? > 5000000, ? * CAST('1.5' AS NUMERIC)",
            new BigDecimal("4000000"), new BigDecimal("2"))).as("a ? beside one takes its type")
            .containsExactly("true, 3.0000000000000000");
        assertThat(sql.refusal("SELECT CAST('99999999999999999999.5' AS NUMERIC) * "
            + "CAST('99999999999999999999.5' AS NUMERIC)").getSQLState()).as("beyond 38 digits").isEqualTo("22003");
        assertThat(sql.rowsOfStatement("SELECT VAR_POP(x), STDDEV_SAMP(x) FROM (VALUES (CAST('1.5' AS NUMERIC)), "
            + "(CAST('2.25' AS NUMERIC)), (CAST('7' AS NUMERIC))) t(x)"))
            .as("PostgreSQL 15's answers").containsExactly("5.9305555555555556, 2.9825883613622134");
    }

    @Test
    void givenJsonNumbers_whenReturnedAsNumericOfNoPrecision_thenTheyKeepTheirDigitsInQueriesAndProjections()
        throws SQLException {
        for (String price : new String[] {"0.1", "0.2", "2.5", "\"abc\""}) {
            sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('p', 't', 'priced', "
                + "'{\"price\":" + price + "}')");
        }
        String select = "SELECT JSON_VALUE(data, '$.price' RETURNING NUMERIC) AS price, COUNT(*) AS n FROM events "
            + "WHERE name = 'priced' GROUP BY JSON_VALUE(data, '$.price' RETURNING NUMERIC)";
        sql.update("CREATE PROJECTION prices AS " + select);

        // Calcite's DECIMAL(38, 0) rounded each to a whole number: 0.1 and 0.2 were one group of 0
        assertThat(sql.rows(select + " ORDER BY 1")).as("text that is no number is NULL, as RETURNING was")
            .containsExactly("0.1000000000000000, 1", "0.2000000000000000, 1", "2.5000000000000000, 1", "null, 1");
        assertThat(sql.rows("SELECT * FROM prices ORDER BY 1")).isEqualTo(sql.rows(select + " ORDER BY 1"));
    }

    @Test
    void givenParameters_whenCastToNumeric_thenTheClientsDigitsStay() throws SQLException {
        assertThat(sql.rows("SELECT CAST(? AS NUMERIC), CAST(? AS NUMERIC), CAST(? AS NUMERIC)",
            new BigDecimal("3.750"), 5, 2.5)).containsExactly("3.7500000000000000, 5.0000000000000000, "
                + "2.5000000000000000");
        assertThat(sql.rows("SELECT CAST(? AS NUMERIC) * 2, GCD(CAST(? AS NUMERIC), 2)", "1.5", "4"))
            .as("a cast ? as an operand").containsExactly("3.0000000000000000, 2.0000000000000000");
    }

    @Test
    void givenNoNumber_whenCastToNumeric_thenRefusedAsPostgresql() {
        SQLException text = sql.refusal("SELECT CAST('abc' AS NUMERIC)");
        assertThat(text.getSQLState()).isEqualTo("22018");
        assertThat(text.getMessage()).contains("invalid input syntax for type numeric: \"abc\"");
        assertThat(sql.refusal("SELECT CAST(TRUE AS NUMERIC)").getSQLState()).isEqualTo("42846");
        assertThat(sql.refusal("SELECT CAST(1e30 AS NUMERIC)").getSQLState()).as("beyond 22 whole digits")
            .isEqualTo("22003");
    }
}
