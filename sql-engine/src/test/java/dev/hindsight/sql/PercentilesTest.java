package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code PERCENTILE_CONT} and {@code PERCENTILE_DISC} of numbers as PostgreSQL's ({@link Percentiles}): given events
 * whose data holds 1, 2, 3, 10 and one without a value, when a percentile of them is asked for, in either order, by
 * group, filtered, or of no rows, then PostgreSQL 15's answers (each read from it for the same values). Calcite
 * refused both with 0A000 and typed {@code PERCENTILE_CONT} as the ordered column.
 */
class PercentilesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String X = "CAST(JSON_VALUE(data, '$.x') AS INTEGER)";

    @Test
    void givenNumbers_whenPercentilesAreAsked_thenAsPostgres() throws SQLException {
        append("s1", 1, 2);
        append("s2", 3, 10);
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('s2', 't', 'n', '{}')");
        assertThat(sql.rowsOfStatement("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + X + "), "
            + "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY " + X + "), "
            + "PERCENTILE_CONT(0.3) WITHIN GROUP (ORDER BY " + X + " DESC), "
            + "PERCENTILE_DISC(0.3) WITHIN GROUP (ORDER BY " + X + " DESC), "
            + "PERCENTILE_CONT(0) WITHIN GROUP (ORDER BY " + X + "), PERCENTILE_DISC(1) WITHIN GROUP (ORDER BY "
            + X + ") FROM events")).containsExactly("2.5, 2, 3.700000000000001, 3, 1.0, 10");
        assertThat(sql.rowsOfStatement("SELECT stream_id, PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY " + X
            + "), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY seq) FILTER (WHERE version > 1) FROM events "
            + "GROUP BY stream_id ORDER BY stream_id")).containsExactly("s1, 1.25, 2.0", "s2, 4.75, 4.5");
        // Calcite cannot type PERCENTILE_DISC with a FILTER again (its binding has no order): refused, not an error
        assertThat(sql.refusal("SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY seq) FILTER (WHERE seq > 1) "
            + "FROM events").getSQLState()).isEqualTo("0A000");
    }

    @Test
    void givenNoRows_whenPercentilesAreAsked_thenNull() throws SQLException {
        append("s1", 1);
        assertThat(sql.rows("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY seq), PERCENTILE_DISC(0.5) "
            + "WITHIN GROUP (ORDER BY seq) FROM events WHERE seq > ?", 100)).containsExactly("null, null");
    }

    @Test
    void givenPercentiles_whenTyped_thenContIsADoubleAndDiscTheColumnsType() throws SQLException {
        append("s1", 1);
        try (var st = sql.connection.createStatement(); var rs = st.executeQuery("SELECT PERCENTILE_CONT(0.5) "
            + "WITHIN GROUP (ORDER BY seq), PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY seq) FROM events")) {
            assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("DOUBLE");
            assertThat(rs.getMetaData().getColumnTypeName(2)).isEqualTo("BIGINT");
        }
    }

    @Test
    void givenLargeExactNumbersNanAndInfinity_whenPercentilesAreAsked_thenAsPostgres() throws SQLException {
        // DISC keeps BIGINT and DECIMAL values exact (through a DOUBLE 9007199254740993 was ...992); NaN sorts above
        // every number in either order; CONT at a position exactly is the value there (Infinity, not NaN)
        assertThat(sql.rowsOfStatement("SELECT PERCENTILE_DISC(0) WITHIN GROUP (ORDER BY x), PERCENTILE_DISC(1) "
            + "WITHIN GROUP (ORDER BY x DESC) FROM (VALUES (CAST(9007199254740993 AS BIGINT)), "
            + "(CAST(9223372036854775807 AS BIGINT))) t(x)"))
            .containsExactly("9007199254740993, 9007199254740993");
        assertThat(sql.rowsOfStatement("SELECT PERCENTILE_DISC(1) WITHIN GROUP (ORDER BY x) FROM (VALUES "
            + "(CAST(12345678901234567.89 AS DECIMAL(20, 2))), (CAST(1 AS DECIMAL(20, 2)))) t(x)"))
            .containsExactly("12345678901234567.89");
        assertThat(sql.rowsOfStatement("SELECT PERCENTILE_DISC(0) WITHIN GROUP (ORDER BY x DESC), "
            + "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x DESC), PERCENTILE_CONT(1) WITHIN GROUP (ORDER BY y) "
            + "FROM (VALUES (CAST('NaN' AS DOUBLE), CAST('Infinity' AS DOUBLE)), (CAST(1 AS DOUBLE), "
            + "CAST(1 AS DOUBLE)), (CAST(2 AS DOUBLE), CAST(2 AS DOUBLE))) t(x, y)"))
            .containsExactly("NaN, 2.0, Infinity");
    }

    private void append(String stream, int... values) throws SQLException {
        for (int value : values) {
            sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('" + stream + "', 't', 'n', "
                + "'{\"x\": " + value + "}')");
        }
    }
}
