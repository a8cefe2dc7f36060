package dev.hindsight.jdbc.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.SimpleTimeZone;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * A TIMESTAMP read in a zone ({@code getTimestamp(i, calendar)}) is the instant a {@code java.util} calendar of that
 * zone gives its time, as {@code java.sql} writes one there: so a value written with a calendar reads back the same.
 * java.time's zone rules differ before standard time (New York's local mean time, 4 min off) and where the clocks
 * repeat an hour, and know no zone made in code.
 */
class JavaTimeValuesTest {

    @Test
    void aTimeIsReadAsAJavaUtilCalendarOfTheZoneWritesIt() {
        for (String zone : new String[] {"America/New_York", "Australia/Lord_Howe", "Europe/Berlin", "Asia/Kolkata"}) {
            TimeZone tz = TimeZone.getTimeZone(zone);
            for (String time : new String[] {"1850-06-01T12:00", "1582-10-16T00:00", "1883-11-18T12:03:58",
                "2024-11-03T01:30", "2024-04-07T01:45", "2024-06-01T12:00:00.123"}) {
                LocalDateTime t = LocalDateTime.parse(time);
                long utcMillis = t.toInstant(ZoneOffset.UTC).toEpochMilli();
                assertThat(JavaTimeValues.timestampOf(utcMillis, tz).getTime()).as(zone + " " + time)
                    .isEqualTo(inCalendar(t, tz));
            }
        }
    }

    @Test
    void aTimeTheZoneSkipsIsTheOneAfterTheGapAndUtcIsTheTimeItself() {
        long skipped = LocalDateTime.parse("2024-03-10T02:30").toInstant(ZoneOffset.UTC).toEpochMilli();
        assertThat(JavaTimeValues.timestampOf(skipped, TimeZone.getTimeZone("America/New_York")).toInstant())
            .hasToString("2024-03-10T07:30:00Z"); // 03:30 EDT
        assertThat(JavaTimeValues.timestampOf(skipped, TimeZone.getTimeZone("UTC")).getTime()).isEqualTo(skipped);
    }

    /** A zone made in code has no id java.time knows: it was an unchecked ZoneRulesException. */
    @Test
    void aZoneMadeInCodeIsReadAsAnyOther() {
        long noon = LocalDateTime.parse("2024-06-01T12:00").toInstant(ZoneOffset.UTC).toEpochMilli();
        Timestamp ts = JavaTimeValues.timestampOf(noon, new SimpleTimeZone(3_600_000, "MyZone"));
        assertThat(ts.getTime()).isEqualTo(noon - 3_600_000);
    }

    @Test
    void beforeTheGregorianCalendarsSecondDayTheCallerReadsItAvaticasWay() {
        long old = LocalDateTime.parse("1582-10-15T23:59:59").toInstant(ZoneOffset.UTC).toEpochMilli();
        assertThat(JavaTimeValues.timestampOf(old, TimeZone.getTimeZone("UTC"))).isNull();
    }

    private static long inCalendar(LocalDateTime t, TimeZone tz) {
        GregorianCalendar c = new GregorianCalendar(tz);
        c.clear();
        c.set(t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        c.set(Calendar.MILLISECOND, t.getNano() / 1_000_000);
        return c.getTimeInMillis();
    }
}
