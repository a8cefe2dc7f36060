package dev.hindsight.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A projection's TIME values written as PostgreSQL 15 writes them (psql's answers on the right). */
class ProjectionTimeTextTest {

    @ParameterizedTest(name = "{0} ms → {1}")
    @CsvSource(delimiterString = "|", textBlock = """
        54539260 | 15:08:59.26
        54539000 | 15:08:59
        54539005 | 15:08:59.005
        0        | 00:00:00
        86399999 | 23:59:59.999
        86400000 | 24:00:00
        """)
    void a_time_of_day_keeps_no_trailing_zeros(int millis, String text) {
        assertThat(ProjectionReadRoute.timeText(millis)).isEqualTo(text);
    }
}
