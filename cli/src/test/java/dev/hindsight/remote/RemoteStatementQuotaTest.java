package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.sql.jdbc.RemoteLimits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open statements are counted per API key: given a server that lets a key hold three, when one key holds a prepared
 * statement and an open result and another key makes ten statements without closing them, then the first key's
 * statement and result are untouched, and the second key's own least recently used statements were closed (their next
 * run is 26000). The server's one statement cache dropped the least recently used of anyone's: the other key's
 * statements pushed the first key's out.
 */
class RemoteStatementQuotaTest {

    private static final String COUNT = "SELECT COUNT(*) FROM events WHERE seq > ?";
    private static final String SERIES = "SELECT * FROM (VALUES (1), (2), (3)) AS t(n) WHERE n > ?";

    @TempDir
    Path dir;

    @Test
    void a_key_over_its_statement_quota_closes_its_own_statements_and_no_other_keys() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir, RemoteLimits.defaults().withMaxStatements(3));
             Connection reader = server.connect(RemoteServer.READ_KEY);
             PreparedStatement kept = reader.prepareStatement(COUNT);
             PreparedStatement series = reader.prepareStatement(SERIES);
             Connection writer = server.connect(RemoteServer.WRITE_KEY);
             ResultSet open = openAfterItsFirstRow(series)) {
            List<PreparedStatement> leaked = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                leaked.add(writer.prepareStatement(COUNT)); // one text: planned once, ten statements
            }

            assertUntouched(kept, open);

            PreparedStatement eldest = leaked.get(0);
            eldest.setLong(1, 0);
            SQLException e = Rows.failure(eldest::executeQuery);
            assertThat(e.getSQLState()).isEqualTo("26000");
            PreparedStatement newest = leaked.get(9);
            newest.setLong(1, 0);
            try (ResultSet rs = newest.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
            for (PreparedStatement p : leaked) {
                p.close();
            }
        }
    }

    @Test
    void a_key_leaving_catalog_results_open_pushes_out_no_statement_of_its_own_or_other_keys() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir, RemoteLimits.defaults().withMaxStatements(3));
             Connection reader = server.connect(RemoteServer.READ_KEY);
             PreparedStatement kept = reader.prepareStatement(COUNT);
             PreparedStatement series = reader.prepareStatement(SERIES);
             Connection browser = server.connect(RemoteServer.WRITE_KEY);
             ResultSet open = openAfterItsFirstRow(series)) {
            PreparedStatement own = browser.prepareStatement(SERIES);
            ResultSet browsing = openAfterItsFirstRow(own);
            DatabaseMetaData catalog = browser.getMetaData();
            List<ResultSet> leaked = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // the server's cache holds ten keys' quotas: thirty statements
                leaked.add(i % 2 == 0 ? catalog.getTables(null, null, "%", null)
                    : catalog.getColumns(null, "public", "events", "%"));
            }
            // the catalog results hold nothing on the server: not even the same key's open result is pushed out
            assertThat(browsing.next()).isTrue();
            assertThat(browsing.getInt(1)).isEqualTo(2);
            own.close();

            assertUntouched(kept, open);

            ResultSet newest = leaked.get(39);
            assertThat(newest.next()).as("a catalog result's rows came whole with it").isTrue();
            for (ResultSet rs : leaked) {
                rs.close();
            }
        }
    }

    /** {@code series}'s result read to its first row, in frames of one row: the result stays open on the server. */
    private static ResultSet openAfterItsFirstRow(PreparedStatement series) throws SQLException {
        series.setFetchSize(1);
        series.setInt(1, 0);
        ResultSet open = series.executeQuery();
        assertThat(open.next()).isTrue();
        assertThat(open.getInt(1)).isEqualTo(1);
        return open;
    }

    /** {@code kept} runs, and {@code open} (at its first row) reads on. */
    private static void assertUntouched(PreparedStatement kept, ResultSet open) throws SQLException {
        kept.setLong(1, 0);
        try (ResultSet rs = kept.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
        }
        assertThat(open.getInt(1)).isEqualTo(1);
        assertThat(open.next()).as("the open result reads on").isTrue();
        assertThat(open.getInt(1)).isEqualTo(2);
    }
}
