package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A correlated sub-query inside another that reads a row further out than the one around it is left correlated
 * ({@link NestedCorrelation}) and answers as PostgreSQL's (the answers below are PostgreSQL 15's): Calcite's
 * decorrelation answered every outer row of the "for all" below, and failed with an internal error for the same in a
 * {@code LATERAL} join.
 */
class NestedCorrelationTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest();

    private static final String O = "(VALUES (1), (2), (3), (NULL)) o(k)";
    private static final String U = "(VALUES (1, 10), (1, 20), (2, 30)) u(k2, v)";
    private static final String W = "(VALUES (10, 1), (20, 1), (30, 3)) w(x, y)";

    @Test
    void theOuterRowsAllOfWhoseValuesAreMatchedTwoLevelsDown() throws SQLException {
        // k = 1: u's 10 and 20 are both in w with y = 1; k = 2: u's 30 is in w, but with y = 3
        assertThat(sql.rows("SELECT o.k FROM " + O + " WHERE NOT EXISTS (SELECT 1 FROM " + U + " WHERE u.k2 = o.k "
            + "AND NOT EXISTS (SELECT 1 FROM " + W + " WHERE w.x = u.v AND w.y = o.k)) ORDER BY 1"))
            .containsExactly("1", "3", "null");
    }

    @Test
    void aLateralJoinsCountOfRowsUnmatchedTwoLevelsDown() throws SQLException {
        assertThat(sql.rows("SELECT o.k, l.c FROM " + O + " CROSS JOIN LATERAL (SELECT COUNT(*) c FROM " + U
            + " WHERE u.k2 = o.k AND NOT EXISTS (SELECT 1 FROM " + W + " WHERE w.x = u.v AND w.y = o.k)) l "
            + "ORDER BY 1"))
            .containsExactly("1, 0", "2, 1", "3, 0", "null, 0");
    }

    @Test
    void aSubQueryOneLevelDownIsStillDecorrelatedAndAnswers() throws SQLException {
        assertThat(sql.rows("SELECT o.k, (SELECT COUNT(*) FROM " + U + " WHERE u.k2 = o.k) FROM " + O + " ORDER BY 1"))
            .containsExactly("1, 2", "2, 1", "3, 0", "null, 0");
    }
}
