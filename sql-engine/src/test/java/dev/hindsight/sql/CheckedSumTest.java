package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code SUM} into a {@code BIGINT}, in a group or a window, fails with 22003 when it is beyond one, where it
 * wrapped to a negative number (a wrong answer); a sum that passes the limit on the way but ends inside it is exact;
 * below the limit it answers as before, NULLs skipped, NULL over no values.
 */
class CheckedSumTest {

    /** 2^62: two of them are one more than a BIGINT holds. */
    private static final long HALF = 4_611_686_018_427_387_904L;
    private static final String BIG = "CAST(JSON_VALUE(data, '$.n') AS BIGINT)";

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    @BeforeEach
    void open() throws SQLException {
        event("a", "{\"n\": " + HALF + "}");
        event("b", "{\"n\": " + HALF + "}");
        event("b", "{\"n\": -1}");
        event("c", "{}");
    }

    private void event(String stream, String data) throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('" + stream + "', 't', 'n', '"
            + data + "')");
    }

    @Test
    void givenASumBeyondABigint_whenItIsAsked_thenItIs22003NotANegativeNumber() {
        for (String query : new String[] {"SELECT SUM(" + BIG + ") FROM events WHERE seq < 3",
            "SELECT AVG(" + BIG + ") FROM events WHERE seq < 3",
            "SELECT entity_type, SUM(" + BIG + ") FROM events WHERE seq < 3 GROUP BY entity_type"}) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows(query));
            assertThat((Throwable) e).as(query).isNotNull();
            assertThat(e.getSQLState()).as(query).isEqualTo("22003");
        }
    }

    @Test
    void givenAWindowedSumBeyondABigint_whenItIsAsked_thenItIs22003NotANegativeNumber() throws SQLException {
        for (String query : new String[] {"SELECT SUM(" + BIG + ") OVER (ORDER BY seq) FROM events",
            "SELECT AVG(" + BIG + ") OVER () FROM events WHERE seq < 3",
            "SELECT SUM(" + BIG + ") OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM events WHERE seq < 3"}) {
            assertThat(sql.refusal(query).getSQLState()).as(query).isEqualTo("22003");
        }
        assertThat(sql.rows("SELECT seq, SUM(" + BIG + ") OVER (PARTITION BY stream_id ORDER BY seq), "
            + "SUM(version) OVER (ORDER BY seq ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) FROM events ORDER BY seq"))
            .containsExactly("1, " + HALF + ", 3", "2, " + HALF + ", 3", "3, " + (HALF - 1) + ", 1", "4, null, null");
    }

    @Test
    void aSumThatPassesABigintOnTheWayButEndsInsideIsExactInAnyOrder() throws SQLException {
        assertThat(sql.rows("SELECT SUM(" + BIG + ") FROM events")).containsExactly(Long.toString(Long.MAX_VALUE));
        assertThat(sql.rows("SELECT SUM(" + BIG + ") FROM (SELECT * FROM events ORDER BY seq DESC) t"))
            .containsExactly(Long.toString(Long.MAX_VALUE));
        assertThat(sql.rows("SELECT SUM(x) FROM (VALUES (CAST(9223372036854775807 AS BIGINT)), (1), (-1)) AS t(x)"))
            .containsExactly(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void sumsWithinABigintAnswerAsBefore() throws SQLException {
        assertThat(sql.rows("SELECT stream_id, SUM(" + BIG + "), COUNT(*) FROM events GROUP BY stream_id "
            + "ORDER BY stream_id")).containsExactly("a, " + HALF + ", 1", "b, " + (HALF - 1) + ", 2", "c, null, 1");
        assertThat(sql.rows("SELECT SUM(" + BIG + ") FROM events WHERE seq > 100")).containsExactly("null");
        assertThat(sql.rows("SELECT SUM(seq), SUM(version), AVG(seq) FROM events")).containsExactly(
            "10, 5, 2.5000000000000000");
        assertThat(sql.rows("SELECT SUM(" + BIG + ") FROM events WHERE seq > 1")).containsExactly(
            Long.toString(HALF - 1));
    }
}
