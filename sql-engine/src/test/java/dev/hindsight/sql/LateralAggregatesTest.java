package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code LATERAL} sub-query that aggregates the rows the outer row picks (one row for each outer row, NULL where it
 * picks none): given events 1 to 3 on streams a, b, a, when it runs, then it answers PostgreSQL 15's rows (psql's,
 * written in). Calcite's decorrelation failed its own type check there, and the statement was XX000; an inner one
 * lost the outer rows that pick none.
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

    /** The second event of each stream: a's is seq 3, b has none. */
    private static final String LATER = "FROM events e WHERE e.stream_id = s.stream_id AND e.version > 1) l";

    @Test
    void whenAnInnerLateralAggregateFindsNoRowForAnOuterRow_thenTheOuterRowStaysWithNull() throws SQLException {
        // Calcite's decorrelation made it an inner join with the rows grouped by stream: b, with none, was lost
        // (LateralAggregates)
        assertThat(sql.rows("SELECT s.stream_id, l.v FROM streams s CROSS JOIN LATERAL (SELECT MAX(e.seq) AS v "
            + LATER + " ORDER BY 1")).containsExactly("a, 3", "b, null");
        assertThat(sql.rows("SELECT COUNT(*) FROM streams s, LATERAL (SELECT MAX(e.seq) AS v " + LATER))
            .containsExactly("2");
        assertThat(sql.rows("SELECT s.stream_id, l.n FROM streams s JOIN LATERAL (SELECT COUNT(*) AS n " + LATER
            + " ON TRUE ORDER BY 1")).containsExactly("a, 1", "b, 0");
    }

    @Test
    void whenAnInnerLateralGroupsRows_thenAnOuterRowWithoutGroupsHasNoRow() throws SQLException {
        assertThat(sql.rows("SELECT s.stream_id, l.v FROM streams s CROSS JOIN LATERAL (SELECT e.name, MAX(e.seq) "
            + "AS v " + LATER.replace(") l", " GROUP BY e.name) l") + " ORDER BY 1, 2")).containsExactly("a, 3");
    }
}
