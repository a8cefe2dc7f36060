package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code RANGE} frames with an interval offset over dates ({@link RangeOffsets}): given days with gaps, when a moving
 * window of days is asked for, then the rows within that many days, as PostgreSQL 15 answers for the same days
 * (Calcite's took one day for 86,400,000 days: every earlier row was in the frame); an offset in months is refused
 * rather than answered wrongly.
 */
class RangeOffsetsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String DAYS = "(VALUES (DATE '2026-01-01', 1), (DATE '2026-01-02', 2), "
        + "(DATE '2026-01-04', 3), (DATE '2026-01-05', 4), (DATE '2026-01-09', 5)) t(d, v)";

    @Test
    void givenDaysWithGaps_whenAMovingWindowOfDaysIsAsked_thenTheRowsWithinThatManyDays() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT d, COUNT(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY PRECEDING "
            + "AND CURRENT ROW), SUM(v) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY FOLLOWING AND INTERVAL '3' DAY "
            + "FOLLOWING), COUNT(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '12' HOUR PRECEDING AND INTERVAL '36' HOUR "
            + "FOLLOWING), SUM(v) OVER (PARTITION BY v > 2 ORDER BY d RANGE BETWEEN INTERVAL '5' DAY PRECEDING AND "
            + "CURRENT ROW) FROM " + DAYS + " ORDER BY v")).containsExactly(
                "2026-01-01, 1, 5, 2, 1",
                "2026-01-02, 2, 7, 1, 3",
                "2026-01-04, 1, 4, 2, 3",
                "2026-01-05, 2, null, 1, 7",
                "2026-01-09, 1, null, 1, 12");
    }

    @Test
    void givenAnOffsetInMonths_whenAsked_thenRefused() {
        assertThat(sql.refusal("SELECT COUNT(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' MONTH PRECEDING AND "
            + "CURRENT ROW) FROM " + DAYS).getSQLState()).isEqualTo("0A000");
        assertThat(sql.refusal("SELECT COUNT(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' YEAR PRECEDING AND "
            + "CURRENT ROW) FROM events").getSQLState()).isEqualTo("0A000");
    }
}
