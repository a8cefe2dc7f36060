package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
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
    void givenTheCurrentTime_whenRead_thenItsTypeHasTheMillisecondsItsValueHolds() throws Exception {
        // Calcite typed them TIMESTAMP(0) and TIME(0): getString cut the milliseconds the value held
        try (Statement st = sql.connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT CURRENT_TIMESTAMP, NOW(), LOCALTIMESTAMP, CURRENT_TIME, LOCALTIME, "
                 + "CURRENT_TIMESTAMP(0)")) {
            ResultSetMetaData m = rs.getMetaData();
            assertThat(List.of(m.getScale(1), m.getScale(2), m.getScale(3), m.getScale(4), m.getScale(5),
                m.getScale(6))).containsExactly(3, 3, 3, 3, 3, 0);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
            assertThat(rs.getString(4)).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
            assertThat(rs.getTimestamp(1)).isEqualTo(rs.getTimestamp(2));
        }
    }

    @Test
    void givenAStatement_whenClockTimestamp_thenTheTimeNowNotBeforeTheStatementsStart() throws SQLException {
        assertThat(sql.rows("SELECT CLOCK_TIMESTAMP() >= NOW(), CLOCK_TIMESTAMP() - NOW() < INTERVAL '1' MINUTE"))
            .containsExactly("true, true");
    }
}
