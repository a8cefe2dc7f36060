package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code MAKE_DATE} and {@code MAKE_TIMESTAMP} as PostgreSQL's (they were 42883): given the fixture's streams a (3
 * events), b (2), c (1), when a statement makes dates and timestamps of fields, then it gets PostgreSQL 15's answers
 * (to the millisecond; JDBC's text of a TIMESTAMP(3) writes all three digits), and a field out of range is 22008
 * naming it.
 */
class DatetimeConstructorsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenFields_whenMakeDate_thenTheDate() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT MAKE_DATE(2024, 2, 29), MAKE_DATE(1, 1, 1), MAKE_DATE(9999, 12, 31), "
            + "MAKE_DATE(2024, 1, CAST(NULL AS INTEGER))"))
            .containsExactly("2024-02-29, 0001-01-01, 9999-12-31, null");
        assertThat(sql.rows("SELECT MAKE_DATE(2026, 1, version) FROM events WHERE stream_id = 'a' ORDER BY version"))
            .containsExactly("2026-01-01", "2026-01-02", "2026-01-03");
        assertThat(sql.rows("SELECT MAKE_DATE(?, ?, ?)", 2024, 1, 31)).containsExactly("2024-01-31");
    }

    @Test
    void givenFields_whenMakeTimestamp_thenTheTimestampRollingOverAsPostgresqls() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT MAKE_TIMESTAMP(2024, 1, 2, 3, 4, 5.5), "
            + "MAKE_TIMESTAMP(2024, 1, 2, 3, 4, 5), MAKE_TIMESTAMP(2024, 1, 2, 24, 0, 0), "
            + "MAKE_TIMESTAMP(2024, 1, 2, 3, 4, 60), MAKE_TIMESTAMP(2024, 1, 2, 3, 4, 5.5e0)"))
            .containsExactly("2024-01-02 03:04:05.500, 2024-01-02 03:04:05.000, 2024-01-03 00:00:00.000, "
                + "2024-01-02 03:05:00.000, 2024-01-02 03:04:05.500");
    }

    @Test
    void givenAFieldOutOfRange_whenMade_thenItIs22008NamingTheFields() {
        SQLException leap = sql.refusal("SELECT MAKE_DATE(2023, 2, 29)");
        assertThat(leap.getSQLState()).isEqualTo("22008");
        assertThat(leap.getMessage()).contains("date field value out of range: 2023-02-29");
        assertThat(sql.refusal("SELECT MAKE_DATE(0, 1, 1)").getMessage()).contains("years 1 to 9999");
        SQLException hour = sql.refusal("SELECT MAKE_TIMESTAMP(2024, 1, 2, 25, 4, 5)");
        assertThat(hour.getSQLState()).isEqualTo("22008");
        assertThat(hour.getMessage()).contains("time field value out of range: 25:04:05");
        assertThat(sql.refusal("SELECT MAKE_TIMESTAMP(2024, 1, 2, 24, 0, 1)").getSQLState()).isEqualTo("22008");
        assertThat(sql.refusal("SELECT MAKE_TIMESTAMP(2024, 1, 2, 3, 4, -1)").getSQLState()).isEqualTo("22008");
    }
}
