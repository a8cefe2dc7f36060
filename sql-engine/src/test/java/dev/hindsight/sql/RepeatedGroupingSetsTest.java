package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code ROLLUP} or {@code CUBE} whose grouping sets repeat groups by each of them, as PostgreSQL 15 does (the
 * counts below are its answers): Calcite kept one of each ({@link RepeatedGroupingSets}). Given one stream of three
 * events.
 */
class RepeatedGroupingSetsTest {

    private static final String T = "(VALUES (1, 2), (2, 3)) t(a, b)";

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3");

    @ParameterizedTest(name = "GROUP BY {0} → {1} rows")
    @CsvSource(delimiterString = "|", textBlock = """
        CUBE(a, a)            | 7
        ROLLUP(a, a)          | 5
        CUBE(a, (a, b))       | 7
        ROLLUP((a, b), b)     | 5
        a, ROLLUP(a)          | 4
        CUBE(a, b)            | 7
        ROLLUP(a, b)          | 5
        """)
    void everyGroupingSetOfTheElementIsGroupedByEvenWhenTwoAreTheSame(String group, String rows)
        throws SQLException {
        assertThat(sql.rows("SELECT COUNT(*) FROM (SELECT a, COUNT(*) AS n FROM " + T + " GROUP BY " + group + ") s"))
            .containsExactly(rows);
    }

    @Test
    void theRepeatedSetsAnswerTheSameRowsEachOverTheLog() throws SQLException {
        // versions 1..3: three sets by version (each version three times, count 1) and the total once (count 3)
        assertThat(sql.rows("SELECT COUNT(*), MIN(n) FROM (SELECT version, COUNT(*) AS n FROM events GROUP BY "
            + "CUBE(version, version)) s WHERE version = 2")).containsExactly("3, 1");
    }
}
