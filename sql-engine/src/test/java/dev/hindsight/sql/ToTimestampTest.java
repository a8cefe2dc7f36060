package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code TO_TIMESTAMP} as PostgreSQL's ({@link PostgresSpellings}): given text and a format, or a number of seconds
 * since 1970, when converted, then an instant (a {@code TIMESTAMP WITH LOCAL TIME ZONE}, PostgreSQL's
 * {@code timestamptz}, shown in the session's zone, UTC) that casts to a DATE and to text and has an epoch. Calcite's
 * answered its {@code TIMESTAMP WITH TIME ZONE}, which cast to a DATE failed (22003), cast to text was a count of
 * milliseconds and had no epoch (22003); of one number it was refused (42883). PostgreSQL 15 answered each of these
 * (in UTC) for the same values.
 */
class ToTimestampTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String T = "TO_TIMESTAMP('2026-03-04 05:06:07.891', 'YYYY-MM-DD HH24:MI:SS.MS')";

    @Test
    void givenTextAndAFormat_whenConverted_thenAnInstantThatCastsAndHasAnEpoch() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT " + T + ", CAST(" + T + " AS DATE), EXTRACT(EPOCH FROM " + T + "), "
            + "CAST(" + T + " AS TIMESTAMP(0)), " + T + " + INTERVAL '1' MONTH"))
            .containsExactly("2026-03-04 05:06:07.891, 2026-03-04, 1772600767.891, 2026-03-04 05:06:08, "
                + "2026-04-04 05:06:07.891");
        assertThat(sql.rowsOfStatement("SELECT CAST(" + T + " AS VARCHAR)")).containsExactly(
            "2026-03-04 05:06:07.891 UTC");
        try (Statement st = sql.connection.createStatement(); ResultSet rs = st.executeQuery("SELECT " + T)) {
            assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.TIMESTAMP); // as PostgreSQL's driver says
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("to_timestamp");
        }
        assertThat(sql.rows("SELECT TO_TIMESTAMP(?, ?)", "2026-12-03", "YYYY-MM-DD"))
            .containsExactly("2026-12-03 00:00:00.000");
    }

    @Test
    void givenSecondsSince1970_whenConverted_thenThatInstantToTheMillisecond() throws SQLException {
        assertThat(sql.rowsOfStatement("SELECT TO_TIMESTAMP(1700000000), TO_TIMESTAMP(1700000000.1234), "
            + "TO_TIMESTAMP(-1.5), TO_TIMESTAMP(CAST(NULL AS INTEGER)), TO_TIMESTAMP(CAST(0.5 AS DOUBLE))"))
            .containsExactly("2023-11-14 22:13:20.000, 2023-11-14 22:13:20.123, 1969-12-31 23:59:58.500, null, "
                + "1970-01-01 00:00:00.500");
        assertThat(sql.rows("SELECT TO_TIMESTAMP(?), EXTRACT(EPOCH FROM TO_TIMESTAMP(?))", 1_700_000_000L, 2.25))
            .containsExactly("2023-11-14 22:13:20.000, 2.250");
        assertThat(sql.refusal("SELECT TO_TIMESTAMP(1e12)").getSQLState()).isEqualTo("22008"); // year 33658
    }
}
