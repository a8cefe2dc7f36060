package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DATE_BIN} as PostgreSQL's (it was 42883): given the fixture's streams a (3 events), b (2), c (1), when a
 * statement bins timestamps, then each falls in the bin PostgreSQL 15 puts it in, the stride written as text, as
 * PostgreSQL's interval or as Calcite's; a stride of months, of nothing or that does not read is refused as
 * PostgreSQL refuses it.
 */
class DateBinsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenAStrideAndAnOrigin_whenATimestampIsBinned_thenTheBinStartsAtTheFloorFromTheOrigin() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT DATE_BIN('15 minutes', TIMESTAMP '2020-02-11 15:44:17', "
            + "TIMESTAMP '2001-01-01'), DATE_BIN(interval '1 day 2 hours', TIMESTAMP '2000-01-05 00:00:00', "
            + "TIMESTAMP '2000-01-01 00:00:00'), DATE_BIN(INTERVAL '1.5' SECOND, TIMESTAMP '2000-01-01 00:00:07.3', "
            + "TIMESTAMP '2000-01-01 00:00:00')"))
            .containsExactly("2020-02-11 15:30:00.000, 2000-01-04 06:00:00.000, 2000-01-01 00:00:06.000");
        assertThat(sql.rowsOfStatement("SELECT DATE_BIN('15 minutes', TIMESTAMP '2000-01-01 00:00:00', "
            + "TIMESTAMP '2000-01-01 00:07:00')"))
            .as("a source before the origin: the bin before it").containsExactly("1999-12-31 23:52:00.000");
    }

    @Test
    void givenEventsAndParameters_whenBinned_thenEachRowAndEachBindingGetsItsBin() throws SQLException {
        assertThat(sql.rows("SELECT COUNT(*) FROM events GROUP BY DATE_BIN('1 hour', ts, TIMESTAMP '2001-01-01')"))
            .as("the fixture's events in their hours: every one counted once")
            .satisfies(counts -> assertThat(counts.stream().mapToInt(Integer::parseInt).sum()).isEqualTo(6));
        assertThat(sql.rows("SELECT DATE_BIN(?, ?, ?)", "15 minutes", Timestamp.valueOf("2020-02-11 15:44:17"),
            Timestamp.valueOf("2001-01-01 00:00:00"))).containsExactly("2020-02-11 15:30:00.000");
        assertThat(sql.rows("SELECT DATE_BIN('1 hour', CAST(NULL AS TIMESTAMP), TIMESTAMP '2001-01-01')"))
            .containsExactly("null");
    }

    @Test
    void givenAStrideOfMonthsNothingOrNoReading_whenBinned_thenRefusedAsPostgresql() {
        assertThat(sql.refusal("SELECT DATE_BIN('1 month', TIMESTAMP '2000-01-01', TIMESTAMP '2000-01-01')")
            .getSQLState()).isEqualTo("0A000");
        assertThat(sql.refusal("SELECT DATE_BIN(INTERVAL '1' YEAR, TIMESTAMP '2000-01-01', TIMESTAMP '2000-01-01')")
            .getSQLState()).isEqualTo("0A000");
        SQLException zero = sql.refusal("SELECT DATE_BIN('0 minutes', TIMESTAMP '2000-01-01', TIMESTAMP '2000-01-01')");
        assertThat(zero.getSQLState()).isEqualTo("22008");
        assertThat(zero.getMessage()).contains("stride must be greater than zero");
        SQLException words = sql.refusal("SELECT DATE_BIN(?, TIMESTAMP '2000-01-01', TIMESTAMP '2000-01-01')",
            "15 minutez");
        assertThat(words.getSQLState()).isEqualTo("22007");
        assertThat(words.getMessage()).contains("15 minutez");
    }
}
