package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code DOUBLE} or {@code REAL} cast to {@code DECIMAL(p, s)}: given floating-point values whose binary value lies
 * just below a decimal half, when cast, then PostgreSQL 15's answers (psql's, written in): the value's 15 (6)
 * significant digits rounded half away from zero; a value beyond the type 22003. Calcite's cast took the binary value:
 * 2.675 to two places was 2.67.
 */
class FloatDecimalCastTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @Test
    void givenComputedDoubles_whenCastToDecimal_thenTheirFifteenDigitsRoundedAsPostgres() throws SQLException {
        // a literal Calcite folds from its decimal text; a computed value was its binary one
        assertThat(sql.rowsOfStatement("SELECT CAST(CAST(3 AS DOUBLE) * 0.1 AS DECIMAL(20, 17)), "
            + "CAST(CAST(x AS DOUBLE) * 1.1 AS DECIMAL(25, 20)), CAST(-CAST(x AS DOUBLE) / 3 AS DECIMAL(20, 18)), "
            + "CAST(CAST(0 AS DOUBLE) * x AS DECIMAL(5, 2)) FROM (VALUES (1)) t(x)"))
            .containsExactly("0.30000000000000000, 1.10000000000000000000, -0.333333333333333000, 0.00");
    }

    @Test
    void givenReals_whenCastToDecimal_thenTheirSixDigitsRounded() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT CAST(CAST(1.15 AS REAL) AS DECIMAL(4, 1)), "
            + "CAST(CAST(2.675 AS REAL) AS DECIMAL(5, 2)), CAST(CAST(0.3 AS REAL) AS DECIMAL(10, 8)), "
            + "CAST(CAST(123456.7 AS REAL) AS DECIMAL(12, 3))"))
            .containsExactly("1.2, 2.68, 0.30000000, 123457.000");
    }

    @Test
    void givenAValueBeyondTheType_whenCast_then22003() {
        SQLException beyond = sql.refusal("SELECT CAST(99.999e0 AS DECIMAL(4, 2))");
        assertThat(beyond.getSQLState()).isEqualTo("22003");
        assertThat(beyond.getMessage()).contains("precision 4, scale 2 must round to an absolute value less than 10^2");
        assertThat(sql.refusal("SELECT CAST(CAST('NaN' AS DOUBLE) AS DECIMAL(5, 2))").getSQLState())
            .isEqualTo("22003");
    }

    @Test
    void givenPayloadDoubles_whenAProjectionCastsThem_thenItEqualsItsQuery() throws SQLException {
        String select = "SELECT name AS nm, SUM(CAST(CAST(JSON_VALUE(data, '$.f' RETURNING DOUBLE) AS REAL) "
            + "AS DECIMAL(9, 2))) AS s FROM events";
        sql.update("CREATE PROJECTION cents AS " + select + " GROUP BY name");
        for (String f : new String[] {"2.675", "1.005", "0.125"}) {
            sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('z', 't', 'z.f', '{\"f\":"
                + f + "}')");
        }
        assertThat(sql.rows("SELECT s FROM cents")).containsExactly("3.82");
        assertThat(sql.rows(select + " GROUP BY name")).containsExactly("z.f, 3.82");
    }
}
