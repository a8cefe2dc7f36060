package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code LATERAL} sub-query that aggregates the rows the outer row picks (one row for each outer row, NULL where it
 * picks none): given events 1 to 3 on streams a, b, a, when it runs, then it answers PostgreSQL 15's rows (psql's,
 * written in). Calcite's decorrelation failed its own type check there, and the statement was XX000.
 */
class LateralAggregatesTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @BeforeEach
    void givenThreeEvents() throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('a', 't', 'n', '{}'), "
            + "('b', 't', 'n', '{}'), ('a', 't', 'n', '{}')");
    }

    @Test
    void whenALateralMaxReadsTheOuterRow_thenEachOuterRowHasItsOneRow() throws SQLException {
        assertThat(sql.rows("SELECT e.seq, x.m FROM events e, LATERAL (SELECT MAX(e2.seq) m FROM events e2 "
            + "WHERE e2.seq < e.seq) x ORDER BY e.seq")).containsExactly("1, null", "2, 1", "3, 2");
    }

    @Test
    void whenALateralSumIsJoinedOnAStream_thenItIsTheStreamsSum() throws SQLException {
        assertThat(sql.rows("SELECT e.seq, x.m FROM events e CROSS JOIN LATERAL (SELECT SUM(e2.seq) m FROM events e2 "
            + "WHERE e2.stream_id = e.stream_id) x ORDER BY e.seq")).containsExactly("1, 4", "2, 2", "3, 4");
    }
}
