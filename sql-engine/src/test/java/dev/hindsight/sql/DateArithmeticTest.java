package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dates and whole days add and subtract as in PostgreSQL ({@link DateArithmetic}): given the seeded events (the
 * first at 2026-11-01 10:00 UTC), when a statement adds days to a date or subtracts two dates, then the answer is
 * PostgreSQL 15's (a DATE, or the days between as an INTEGER). Calcite refused each with 42883.
 */
class DateArithmeticTest {

    @TempDir
    Path dir;
    SqlFixture sql;

    @BeforeEach
    void seed() throws SQLException {
        sql = SqlFixture.seeded(dir, "a:2");
    }

    @AfterEach
    void close() throws SQLException {
        sql.close();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        SELECT DATE '2026-12-03' - DATE '2026-12-01'                          | 2
        SELECT DATE '2026-12-03' + 1                                          | 2026-12-04
        SELECT 2 + DATE '2026-12-03'                                          | 2026-12-05
        SELECT DATE '2026-12-03' - 40                                         | 2026-10-24
        SELECT CAST(ts AS DATE) - DATE '2026-10-01' FROM events WHERE seq = 1 | 31
        SELECT CAST(ts AS DATE) + seq FROM events WHERE seq = 2               | 2026-11-03
        SELECT COUNT(*) FROM events WHERE CAST(ts AS DATE) > CURRENT_DATE - 100000 | 2
        SELECT DATE '2026-11-01' + CAST(NULL AS INTEGER)                      | null
        """)
    void givenDatesAndDays_whenAddedOrSubtracted_thenAsInPostgreSql(String query, String answer)
        throws SQLException {
        assertThat(sql.rows(query)).containsExactly(answer);
        assertThat(sql.rowsOfStatement(query)).containsExactly(answer);
    }

    @Test
    void theDaysBetweenTwoDatesAreAnInteger() throws SQLException {
        try (PreparedStatement ps = sql.connection.prepareStatement("SELECT DATE '2026-12-03' - CAST(ts AS DATE), "
            + "CAST(ts AS DATE) + 1 FROM events")) {
            assertThat(ps.getMetaData().getColumnType(1)).isEqualTo(Types.INTEGER);
            assertThat(ps.getMetaData().getColumnType(2)).isEqualTo(Types.DATE);
        }
    }
}
