package dev.hindsight.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Given a TIMESTAMP or DATE as Avatica's server writes it into a frame (through java.sql's calendar, Julian before
 * 1582-10-15, read with a calendar of some zone), when {@link FrameDates} rewrites it for that zone, then it is the
 * ISO value the engine held, in every zone: west and east of UTC, a fractional offset, the day line.
 */
class FrameDatesTest {

    // (not 1582-10-05 to 10-14: java.util's calendar has no such days, and Avatica writes them ten days later)
    private static final List<LocalDateTime> TIMES = List.of(LocalDateTime.parse("1500-03-01T10:20:30.125"),
        LocalDateTime.parse("0001-01-01T00:00"), LocalDateTime.parse("1582-10-04T23:00"),
        LocalDateTime.parse("1000-02-28T23:30"), LocalDateTime.parse("1582-10-15T00:30"));
    // (and no DATE from 1582-10-15 on: west of UTC, Avatica writes any day before 1970 as the day after, its own cut)
    private static final List<LocalDate> DAYS = List.of(LocalDate.parse("1500-03-01"), LocalDate.parse("0001-01-01"),
        LocalDate.parse("1582-10-04"), LocalDate.parse("1000-02-28"));

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago"})
    void givenOldValuesAsAvaticaWritesThem_whenRewritten_thenTheyAreTheIsoValues(String zoneId) {
        TimeZone zone = TimeZone.getTimeZone(zoneId);
        for (LocalDateTime time : TIMES) {
            long iso = time.toInstant(ZoneOffset.UTC).toEpochMilli();
            Object[] row = {DateTimeUtils.unixTimestampToSqlTimestamp(iso, Calendar.getInstance(zone)).getTime()};
            FrameDates.toIso(Collections.singletonList(row), new int[] {0}, zone);
            assertThat(row[0]).as("%s in %s", time, zoneId).isEqualTo(iso);
        }
        for (LocalDate day : DAYS) {
            int iso = (int) day.toEpochDay();
            // JdbcResultSet's cut of the Date's milliseconds to days
            Object[] row = {(int) (DateTimeUtils.unixDateToSqlDate(iso, Calendar.getInstance(zone)).getTime()
                / DateTimeUtils.MILLIS_PER_DAY)};
            FrameDates.toIso(Collections.singletonList(row), new int[] {0}, zone);
            assertThat(row[0]).as("%s in %s", day, zoneId).isEqualTo(iso);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York"})
    void givenValuesFromTheGregorianStartOn_whenRewritten_thenTheyAreLeftAsWritten(String zoneId) {
        TimeZone zone = TimeZone.getTimeZone(zoneId);
        Object[] row = {LocalDateTime.parse("2026-11-01T10:00").toInstant(ZoneOffset.UTC).toEpochMilli(),
            (int) LocalDate.parse("1582-10-17").toEpochDay(), "text", 5L};
        Object[] written = row.clone();
        FrameDates.toIso(Collections.singletonList(row), new int[] {0, 1}, zone);
        assertThat(row).containsExactly(written);
    }
}
