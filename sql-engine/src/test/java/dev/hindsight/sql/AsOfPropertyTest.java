package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.Seeds;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * For random logs and random n, {@code SELECT ... AS OF SEQUENCE n} equals the same query with {@code WHERE seq <= n}
 * on the current log (a failing run is named by its seed; {@code -Dhindsight.seed=N} reruns it).
 */
class AsOfPropertyTest {

    static final List<String> QUERIES = List.of(
        "SELECT seq, stream_id, version, name, data FROM events %s ORDER BY seq",
        "SELECT stream_id, COUNT(*), MAX(version), MIN(seq) FROM events %s GROUP BY stream_id ORDER BY stream_id",
        "SELECT name, COUNT(*) FROM events %s GROUP BY name ORDER BY name",
        "SELECT seq, stream_id FROM events %s ORDER BY seq DESC LIMIT 7");

    private static final List<String> STREAMS = List.of("a", "b", "c", "order-1", "order-2");

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 25)
    void asOfSequenceEqualsTheQueryOverThePrefix(long seed) throws SQLException {
        Random random = new Random(seed);
        List<String> streams = random.ints(1 + random.nextInt(30), 0, STREAMS.size()).mapToObj(STREAMS::get).toList();
        int n = random.nextInt(36);
        try (Connection c = SqlFixture.connect("jdbc:hindsight:mem:", new Properties());
             Statement st = c.createStatement()) {
            StringJoiner values = new StringJoiner(", ");
            for (int i = 0; i < streams.size(); i++) {
                values.add("('" + streams.get(i) + "', 't', 'e." + (i % 3) + "', '{\"i\":" + i + "}')");
            }
            st.executeUpdate("INSERT INTO events (stream_id, entity_type, name, data) VALUES " + values);
            for (String q : QUERIES) {
                List<String> asOf = SqlFixture.text(st.executeQuery(String.format(q, "AS OF SEQUENCE " + n)));
                List<String> prefix = SqlFixture.text(st.executeQuery(String.format(q, "WHERE seq <= " + n)));
                assertThat(asOf).as("%s with n=%d", q, n).isEqualTo(prefix);
            }
            List<String> streamsAsOf = SqlFixture.text(st.executeQuery(
                "SELECT stream_id, version, first_seq, last_seq FROM streams AS OF SEQUENCE " + n
                    + " ORDER BY stream_id"));
            List<String> derived = SqlFixture.text(st.executeQuery(
                "SELECT stream_id, MAX(version), MIN(seq), MAX(seq) FROM events WHERE seq <= " + n
                    + " GROUP BY stream_id ORDER BY stream_id"));
            assertThat(streamsAsOf).as("streams with n=%d", n).isEqualTo(derived);
        }
    }
}
