package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code CLOCK_TIMESTAMP()} and {@code GEN_RANDOM_UUID()} as PostgreSQL's (they were 42883): given the fixture's
 * streams a (3 events), b (2), c (1), when a statement calls them, then each row gets its own value, also when the
 * statement's plan is reused, never one folded into the plan.
 */
class VolatileFunctionsTest {

    @RegisterExtension
    final SqlFixture sql = SqlFixture.perTest("a:3", "b:2", "c:1");

    @Test
    void givenRows_whenGenRandomUuid_thenEachRowGetsItsOwnUuidOfThirtySixCharacters() throws SQLException {
        String query = "SELECT GEN_RANDOM_UUID() FROM events";
        List<String> first = sql.rows(query);
        List<String> again = sql.rows(query); // the cached plan: not a constant of it
        HashSet<String> all = new HashSet<>(first);
        all.addAll(again);
        assertThat(all).hasSize(12).allSatisfy(uuid -> assertThat(uuid)
            .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    @Test
    void givenAStatement_whenClockTimestamp_thenTheTimeNowNotBeforeTheStatementsStart() throws SQLException {
        assertThat(sql.rows("SELECT CLOCK_TIMESTAMP() >= NOW(), CLOCK_TIMESTAMP() - NOW() < INTERVAL '1' MINUTE"))
            .containsExactly("true, true");
    }
}
