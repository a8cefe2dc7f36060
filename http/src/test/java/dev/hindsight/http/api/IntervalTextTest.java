package dev.hindsight.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Intervals written as PostgreSQL 15 writes them (its answers, from psql, on the right). */
class IntervalTextTest {

    @ParameterizedTest(name = "{0} ms → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        -86400000 | -1 days
        -93600000 | -1 days -02:00:00
        0         | 00:00:00
        1500      | 00:00:01.5
        90000250  | 1 day 01:00:00.25
        3600000   | 01:00:00
        """)
    void a_day_time_interval_is_written_as_postgresql_writes_it(long millis, String text) {
        assertThat(IntervalText.ofMillis(millis)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} ms in hours → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        90000000  | 25:00:00
        -5400000  | -01:30:00
        1500      | 00:00:01.5
        172800000 | 48:00:00
        """)
    void an_interval_of_hours_keeps_them_whole_as_postgresql_writes_it(long millis, String text) {
        assertThat(IntervalText.ofMillis(millis, false)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} months → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        -12 | -1 years
        -1  | -1 mons
        1   | 1 mon
        -13 | -1 years -1 mons
        14  | 1 year 2 mons
        0   | 00:00:00
        """)
    void a_year_month_interval_is_written_as_postgresql_writes_it(int months, String text) {
        assertThat(IntervalText.ofMonths(months)).isEqualTo(text);
    }
}
