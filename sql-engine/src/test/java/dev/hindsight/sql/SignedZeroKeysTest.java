package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A floating-point key matches as PostgreSQL's, {@code -0} equal to {@code 0}: given events whose {@code f} is
 * {@code -0}, {@code 0} and {@code 1} (read at run time, so nothing is folded while planning), when they are grouped,
 * made distinct, joined, looked up with {@code IN}, combined by set operations, partitioned and ranked by a window or
 * compared with {@code IS [NOT] DISTINCT FROM}, then the answers are PostgreSQL 15's (psql's, written in). Calcite's
 * boxed keys told {@code -0.0} from {@code 0.0}: the join found nothing and the groups were two.
 */
class SignedZeroKeysTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    /** The events' {@code f} as a DOUBLE: -0, 0, 0 and 1 in streams a, b, c, d. */
    private static final String F =
        "(SELECT stream_id AS s, JSON_VALUE(data, '$.f' RETURNING DOUBLE) AS f FROM events)";

    @BeforeEach
    void givenSignedZeros() throws SQLException {
        sql.update("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('a', 't', 'n', '{\"f\":\"-0\"}'), "
            + "('b', 't', 'n', '{\"f\":0}'), ('c', 't', 'n', '{\"f\":0}'), ('d', 't', 'n', '{\"f\":1}')");
    }

    @Test
    void whenGroupedOrMadeDistinct_thenMinusZeroAndZeroAreOneKey() throws SQLException {
        assertThat(sql.rows("SELECT f, COUNT(*) FROM " + F + " GROUP BY f ORDER BY f")).containsExactly("0.0, 3",
            "1.0, 1");
        assertThat(sql.rows("SELECT COUNT(DISTINCT f), COUNT(DISTINCT CAST(f AS REAL)) FROM " + F))
            .containsExactly("2, 2");
        assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT DISTINCT f FROM " + F + ")")).containsExactly("2");
    }

    @Test
    void whenJoinedOrLookedUp_thenMinusZeroMeetsZero() throws SQLException {
        assertThat(sql.rows("SELECT a.s, b.s FROM " + F + " a JOIN " + F + " b ON a.f = b.f AND a.s <> b.s "
            + "WHERE a.s = 'a' ORDER BY b.s")).containsExactly("a, b", "a, c");
        assertThat(sql.rows("SELECT s FROM " + F + " WHERE f IN (SELECT f FROM " + F + " WHERE s = 'b') ORDER BY s"))
            .containsExactly("a", "b", "c");
        assertThat(sql.rows("SELECT s FROM " + F + " WHERE f IN (0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, "
            + "16, 17, 18, 19, 20, 21, 22, 23) ORDER BY s")).containsExactly("a", "b", "c");
        assertThat(sql.rows("SELECT a.s FROM " + F + " a JOIN " + F + " b ON a.f IS NOT DISTINCT FROM b.f "
            + "WHERE b.s = 'b' ORDER BY a.s")).containsExactly("a", "b", "c");
        assertThat(sql.rows("SELECT s, f IS DISTINCT FROM CAST(0 AS DOUBLE) FROM " + F + " ORDER BY s"))
            .containsExactly("a, false", "b, false", "c, false", "d, true");
    }

    @Test
    void whenCombinedBySetOperations_thenMinusZeroIsZero() throws SQLException {
        String minusZero = "SELECT f FROM " + F + " WHERE s = 'a'";
        String zero = "SELECT f FROM " + F + " WHERE s = 'b'";
        assertThat(sql.rows("SELECT COUNT(*) FROM (" + minusZero + " UNION " + zero + ")")).containsExactly("1");
        assertThat(sql.rows("SELECT COUNT(*) FROM (" + minusZero + " INTERSECT " + zero + ")")).containsExactly("1");
        assertThat(sql.rows("SELECT COUNT(*) FROM (" + minusZero + " EXCEPT " + zero + ")")).containsExactly("0");
        assertThat(sql.rows("SELECT COUNT(*) FROM (" + minusZero + " INTERSECT ALL " + zero + ")"))
            .containsExactly("1");
    }

    @Test
    void whenAWindowPartitionsOrRanks_thenMinusZeroIsAPeerOfZero() throws SQLException {
        assertThat(sql.rows("SELECT s, COUNT(*) OVER (PARTITION BY f), RANK() OVER (ORDER BY f) FROM " + F
            + " ORDER BY s")).containsExactly("a, 3, 1", "b, 3, 1", "c, 3, 1", "d, 1, 4");
    }

    @Test
    void whenAProjectionGroupsByIt_thenItHasOneGroupOfThemAsItsQueryHasAtEverySeq() throws SQLException {
        String select = "SELECT JSON_VALUE(data, '$.f' RETURNING DOUBLE) AS f, COUNT(*) AS n FROM events";
        sql.update("CREATE PROJECTION by_f AS " + select + " GROUP BY JSON_VALUE(data, '$.f' RETURNING DOUBLE)");
        for (int seq = 1; seq <= 4; seq++) {
            assertThat(sql.rows("SELECT f, n FROM by_f AS OF SEQUENCE " + seq + " ORDER BY f")).as("seq %d", seq)
                .isEqualTo(sql.rows(select + " WHERE seq <= " + seq
                    + " GROUP BY JSON_VALUE(data, '$.f' RETURNING DOUBLE) ORDER BY f"));
        }
        assertThat(sql.rows("SELECT f, n FROM by_f ORDER BY f")).containsExactly("0.0, 3", "1.0, 1");
    }
}
