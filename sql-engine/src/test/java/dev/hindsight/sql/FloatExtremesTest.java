package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MIN and MAX of floating-point numbers in PostgreSQL's order (NaN above every number, -0 equal to 0, the later of two
 * equals kept): given values with NaN and signed zeros in either order, when MIN and MAX run in a query, a window and a
 * projection, then each answers PostgreSQL 15's (psql's answers written in) and the projection its query's at every
 * seq. Calcite's MAX of 5, NaN and 1 was 1.
 */
class FloatExtremesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String FIVE_NAN_ONE = "(VALUES (CAST(5 AS DOUBLE), 1), (CAST('NaN' AS DOUBLE), 2), "
        + "(CAST(1 AS DOUBLE), 3)) t(x, y)";

    @Test
    void givenANaN_whenMaxAndMin_thenNaNIsAboveEveryNumberInAnyOrder() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT MAX(x), MIN(x) FROM " + FIVE_NAN_ONE)).containsExactly("NaN, 1.0");
        assertThat(sql.rowsOfStatement("SELECT MAX(x), MIN(x) FROM (VALUES (CAST('NaN' AS DOUBLE)), "
            + "(CAST(5 AS DOUBLE)), (CAST(1 AS DOUBLE))) t(x)")).containsExactly("NaN, 1.0");
        assertThat(sql.rowsOfStatement("SELECT MAX(x) OVER (ORDER BY y), MIN(x) OVER (ORDER BY y) FROM "
            + FIVE_NAN_ONE)).containsExactly("5.0, 5.0", "NaN, 5.0", "NaN, 1.0");
        assertThat(sql.rowsOfStatement("SELECT MAX(CAST(x AS REAL)), MIN(CAST(x AS REAL)) FROM " + FIVE_NAN_ONE))
            .containsExactly("NaN, 1.0");
    }

    @Test
    void givenSignedZeros_whenMaxAndMin_thenTheyAreEqualAndTheLaterIsKept() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT MAX(x), MIN(x) FROM (VALUES (CAST(0 AS DOUBLE)), "
            + "(CAST('-0' AS DOUBLE))) t(x)")).containsExactly("-0.0, -0.0");
        assertThat(sql.rowsOfStatement("SELECT MAX(x), MIN(x) FROM (VALUES (CAST('-0' AS DOUBLE)), "
            + "(CAST(0 AS DOUBLE))) t(x)")).containsExactly("0.0, 0.0");
        assertThat(sql.rows("SELECT MAX(x), MIN(x) FROM (VALUES (CAST(NULL AS DOUBLE))) t(x)"))
            .containsExactly("null, null");
    }

    @Test
    void givenEventsWithNaNAndSignedZeros_whenAProjectionKeepsMinAndMax_thenItEqualsItsQueryAtEverySeq()
        throws SQLException {
        String[] values = {"0", "\"-0\"", "1", "\"-0\"", "0", "\"NaN\"", "5", "\"Infinity\"", "-2"};
        String select = "SELECT name AS nm, MIN(JSON_VALUE(data, '$.f' RETURNING DOUBLE)) AS mn, "
            + "MAX(JSON_VALUE(data, '$.f' RETURNING DOUBLE)) AS mx FROM events";
        sql.update("CREATE PROJECTION extremes AS " + select + " GROUP BY name");
        for (String v : values) {
            sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('z', 't', 'z.f', "
                + "'{\"f\":" + v + "}')");
        }
        for (int seq = 1; seq <= values.length; seq++) {
            assertThat(sql.rows("SELECT * FROM extremes AS OF SEQUENCE " + seq)).as("seq %d", seq)
                .isEqualTo(sql.rows(select + " WHERE seq <= " + seq + " GROUP BY name"));
        }
        assertThat(sql.rows("SELECT mn, mx FROM extremes")).containsExactly("-2.0, NaN");
    }
}
