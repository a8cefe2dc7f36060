package dev.hindsight.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * Text read as a date, a time or a timestamp as PostgreSQL's driver reads it, and as a TIMESTAMP of the same fields
 * reads, in the zone asked for; the same from both drivers (each driver's test extends this class). {@code JSON_VALUE}
 * answers text, and every such read was 07006.
 */
public abstract class TextTimesContract {

    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");

    /** A new connection whose zone ({@code timeZone}) is UTC, which the test closes. */
    protected abstract Connection connect() throws Exception;

    @Test
    public void textIsReadAsADateATimeOrATimestampAsATimestampOfItsFieldsIs() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT '2026-11-01 10:00:00.123456', CAST('2026-11-01 10:00:00.123' AS "
                 + "TIMESTAMP(3)), ' 2026-11-01T10:00:00Z', '2026-11-01', '10:30:15.5', '2026-11-01 10:00+02:00', "
                 + "'soon', '2026-13-01', CAST(NULL AS VARCHAR)")) {
            assertTrue(rs.next());
            for (TimeZone zone : List.of(TimeZone.getTimeZone("UTC"), TimeZone.getTimeZone("America/New_York"))) {
                Calendar calendar = Calendar.getInstance(zone, Locale.ROOT);
                Timestamp text = rs.getTimestamp(1, calendar);
                Timestamp column = rs.getTimestamp(2, calendar);
                assertEquals(column.getTime(), text.getTime(), zone.getID());
                assertEquals(123_456_000, text.getNanos());
                assertEquals(rs.getDate(2, calendar), rs.getDate(1, calendar), zone.getID());
                assertEquals(rs.getTime(2, calendar), rs.getTime(1, calendar), zone.getID());
                assertEquals(AT, rs.getTimestamp(3, calendar).toInstant(), "an offset names the instant");
                assertEquals(AT.minusSeconds(7200), rs.getTimestamp(6, calendar).toInstant());
            }
            assertEquals(AT.plusNanos(123_456_000), rs.getTimestamp(1).toInstant());
            assertEquals(LocalDateTime.of(2026, 11, 1, 10, 0, 0, 123_456_000), rs.getObject(1, LocalDateTime.class));
            assertEquals(LocalDate.of(2026, 11, 1), rs.getObject(4, LocalDate.class));
            assertEquals("2026-11-01", rs.getDate(4).toString());
            assertEquals(LocalTime.of(10, 30, 15, 500_000_000), rs.getObject(5, LocalTime.class));
            SQLException notATime = assertThrows(SQLException.class, () -> rs.getTimestamp(7));
            assertEquals("22007", notATime.getSQLState());
            assertTrue(notATime.getMessage().contains("column 7") && notATime.getMessage().contains("'soon'"),
                notATime.getMessage());
            assertEquals("22008", assertThrows(SQLException.class, () -> rs.getDate(8)).getSQLState());
            assertEquals("22007", assertThrows(SQLException.class, () -> rs.getDate(5)).getSQLState(),
                "a time of day has no date");
            assertNull(rs.getTimestamp(9));
            assertTrue(rs.wasNull());
        }
    }

    @Test
    public void theEndOfADayIsTextAndADayJavaSqlSkipsOrTheYearZeroIsNone() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT '24:00:00', '2026-11-01 24:00', '1582-10-10', '0000-01-01'")) {
            assertTrue(rs.next());
            assertEquals(LocalTime.MAX, rs.getObject(1, LocalTime.class),
                "the end of a day, as PostgreSQL's time holds it");
            assertEquals(LocalDateTime.of(2026, 11, 2, 0, 0), rs.getObject(2, LocalDateTime.class));
            assertEquals("22008", assertThrows(SQLException.class, () -> rs.getDate(3)).getSQLState(),
                "a day java.sql's calendar skips: it read as 1582-10-20");
            assertEquals("22008", assertThrows(SQLException.class, () -> rs.getDate(4)).getSQLState(),
                "the year 0: it read as 1 BC");
        }
    }
}
