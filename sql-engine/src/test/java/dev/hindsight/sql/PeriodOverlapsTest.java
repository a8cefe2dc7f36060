package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * {@code OVERLAPS} of half-open periods, as the SQL standard and PostgreSQL 15 answer it (Calcite took them as
 * closed, and NULL wherever an end was): given two periods, when compared, then they overlap if one starts within
 * the other, its end excluded, or both start at once.
 */
class PeriodOverlapsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:2");

    @Test
    void givenPeriodsThatOnlyMeet_whenCompared_thenTheyDoNotOverlap() throws SQLException {
        // PostgreSQL 15's answers: f, f, t, t, t, f, t, t, null, t, t
        assertThat(sql.rowsOfStatement("SELECT "
            + "(TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00') OVERLAPS "
            + "(TIMESTAMP '2024-01-02 00:00:00', TIMESTAMP '2024-01-03 00:00:00'), "
            + "(DATE '2024-01-02', DATE '2024-01-02') OVERLAPS (DATE '2024-01-01', DATE '2024-01-02'), "
            + "(DATE '2024-01-01', CAST(NULL AS DATE)) OVERLAPS (DATE '2023-01-01', DATE '2024-01-05'), "
            + "(DATE '2024-01-01', DATE '2024-01-03') OVERLAPS (DATE '2024-01-02', DATE '2024-01-05'), "
            + "(DATE '2024-01-03', DATE '2024-01-01') OVERLAPS (DATE '2024-01-02', DATE '2024-01-02'), "
            + "(DATE '2024-01-01', INTERVAL '1' DAY) OVERLAPS (DATE '2024-01-02', DATE '2024-01-03'), "
            + "(DATE '2024-01-01', INTERVAL '2' DAY) OVERLAPS (DATE '2024-01-02', DATE '2024-01-03'), "
            + "(DATE '2024-01-02', DATE '2024-01-02') OVERLAPS (DATE '2024-01-02', DATE '2024-01-02'), "
            + "(CAST(NULL AS DATE), CAST(NULL AS DATE)) OVERLAPS (DATE '2024-01-02', DATE '2024-01-02'), "
            + "(CAST(NULL AS DATE), DATE '2024-01-03') OVERLAPS (DATE '2024-01-02', DATE '2024-01-05'), "
            + "(TIME '10:00:00', TIME '11:00:00') OVERLAPS (TIME '10:30:00', TIME '12:00:00')"))
            .containsExactly("false, false, true, true, true, false, true, true, null, true, true");
        assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE (ts, ts + INTERVAL '1' SECOND) OVERLAPS "
            + "(ts + INTERVAL '1' SECOND, ts + INTERVAL '2' SECOND)")).as("a column's periods").containsExactly("0");
    }

    /**
     * Random periods of days 1 to 5 (ends in either order, or an interval of 0 to 3 days), compared with a model of
     * half-open periods; periods with a NULL end are left to the examples above.
     */
    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 5)
    void givenRandomPeriods_whenCompared_thenTheyOverlapAsHalfOpenPeriodsDo(long seed) throws SQLException {
        Random random = new Random(seed);
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int s1 = 1 + random.nextInt(5);
            int e1 = 1 + random.nextInt(5);
            int s2 = 1 + random.nextInt(5);
            boolean interval = random.nextBoolean();
            int e2 = interval ? s2 + random.nextInt(4) : 1 + random.nextInt(5);
            select.add("(" + day(s1) + ", " + day(e1) + ") OVERLAPS (" + day(s2) + ", "
                + (interval ? "INTERVAL '" + (e2 - s2) + "' DAY" : day(e2)) + ")");
            expected.add(String.valueOf(overlap(Math.min(s1, e1), Math.max(s1, e1), Math.min(s2, e2),
                Math.max(s2, e2))));
        }
        assertThat(sql.rowsOfStatement(select.toString())).containsExactly(String.join(", ", expected));
    }

    private static String day(int d) {
        return "DATE '2024-01-0" + d + "'";
    }

    /** Half-open periods [s, e), one of no length its one instant: one starts within the other, or both at once. */
    private static boolean overlap(int s1, int e1, int s2, int e2) {
        return s1 == s2 || (s1 < s2 ? s2 < e1 : s1 < e2);
    }
}
