package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.sql.jdbc.RemoteLimits;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client meets when the server's caches drop its statements or its connection (docs/jdbc.md, the expiries):
 * a batch of a dropped statement is refused, never reported run with nothing written; the run of a dropped prepared
 * statement says so with a SQLState; a connection in use does not expire as an idle one.
 */
class RemoteExpiryTest {

    private static final String INSERT = Rows.INSERT + "VALUES (?, 't', 'x.y', '{}', NULL, NULL)";

    @TempDir
    Path dir;

    @Test
    void givenTheServerDroppedABatchsStatement_whenTheBatchRuns_thenItIsRefusedWith26000AndNothingIsWritten()
            throws Exception {
        // a limit of one statement: each new statement pushes the one before out of the server's cache
        try (RemoteServer server = RemoteServer.start(dir, RemoteLimits.defaults().withMaxStatements(1));
             Connection c = server.connect(RemoteServer.WRITE_KEY);
             PreparedStatement prepared = c.prepareStatement(INSERT)) {
            prepared.setString(1, "p");
            prepared.addBatch();
            try (Statement plain = c.createStatement()) {
                plain.addBatch(Rows.INSERT + "VALUES ('s', 't', 'x.y', '{}', NULL, NULL)");
                Rows.of(c, "SELECT 1"); // pushes out the plain statement, the prepared one long since

                // both answered [] as if run, with nothing written
                for (Statement dropped : new Statement[] {prepared, plain}) {
                    SQLException e = Rows.failure(dropped::executeBatch);
                    assertThat((Throwable) e).isInstanceOf(BatchUpdateException.class);
                    assertThat(e.getSQLState()).isEqualTo("26000");
                    assertThat(e.getMessage()).contains("no longer holds this", "nothing of the batch ran");
                }
            }
            assertThat(Rows.of(c, "SELECT COUNT(*) FROM events")).containsExactly("0");
        }
    }

    @Test
    void catalogQueriesClosedByTheClientDoNotPushItsPreparedStatementOutOfTheServersCache() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir, RemoteLimits.defaults().withMaxStatements(3));
             Connection c = server.connect(RemoteServer.WRITE_KEY);
             PreparedStatement prepared = c.prepareStatement("SELECT COUNT(*) FROM events WHERE seq > ?")) {
            // as a tool walks the catalog, closing what it read: more than the server's cache holds in all (ten keys'
            // quotas), which catalog statements left open would fill, pushing the prepared one out
            for (int i = 0; i < 40; i++) {
                try (ResultSet columns = c.getMetaData().getColumns(null, "public", "events", "%")) {
                    assertThat(columns.next()).isTrue();
                }
            }
            prepared.setLong(1, 0);

            // a closed catalog query's statement stayed in the cache (kept by no statement the server could close)
            try (ResultSet rs = prepared.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void givenTheServerDroppedAPreparedStatement_whenItRuns_thenItFailsWith26000SayingSo() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir, RemoteLimits.defaults().withMaxStatements(1));
             Connection c = server.connect(RemoteServer.WRITE_KEY);
             PreparedStatement prepared = c.prepareStatement(INSERT)) {
            Rows.of(c, "SELECT 1");
            prepared.setString(1, "p");

            SQLException e = Rows.failure(prepared::executeUpdate); // no SQLState and no message

            assertThat(e.getSQLState()).isEqualTo("26000");
            assertThat(e.getMessage()).contains("prepare it again");
            assertThat(Rows.of(c, "SELECT COUNT(*) FROM events")).containsExactly("0");
        }
    }

    @Test
    void aConnectionThatKeepsRunningItsPreparedStatementDoesNotExpireAsAnIdleOne() throws Exception {
        RemoteLimits d = RemoteLimits.defaults();
        RemoteLimits idleTwoSeconds = new RemoteLimits(d.connectionsPerKey(), Duration.ofSeconds(2), d.maxStatements(),
            d.statementIdle(), d.maxFrameRows(), d.maxRequestBytes());
        try (RemoteServer server = RemoteServer.start(dir, idleTwoSeconds);
             Connection c = server.connect(RemoteServer.READ_KEY);
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events")) {
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < end) { // the scenario, not a synchronisation: a worker that runs one query
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
                Thread.sleep(250);
            }
            // only a prepare or a settings sync counted as use: closed under its client after 2 s (08003)
            assertThat(c.isValid(5)).isTrue();
            assertThat(Rows.of(c, "SELECT 1")).containsExactly("1");
        }
    }

    @Test
    void givenAClientLeftItsConnectionOpen_whenItIdlesPastTheExpiry_thenTheServerClosesItWithNoRequestComing()
            throws Exception {
        RemoteLimits d = RemoteLimits.defaults();
        RemoteLimits idleOneSecond = new RemoteLimits(d.connectionsPerKey(), Duration.ofSeconds(1),
            d.maxStatements(), Duration.ofSeconds(1), d.maxFrameRows(), d.maxRequestBytes());
        try (RemoteServer server = RemoteServer.start(dir, idleOneSecond)) {
            Connection gone = server.connect(RemoteServer.WRITE_KEY); // never closed: its client went away
            gone.setAutoCommit(false);
            PreparedStatement held = gone.prepareStatement(INSERT);
            held.setString(1, "held");
            held.executeUpdate(); // held for a commit that never comes, with the session and its statement
            assertThat(server.openConnections()).isEqualTo(1);
            assertThat(server.openStatements()).isEqualTo(1);

            // no request reaches the server from now on: Avatica's caches dropped expired entries only as used
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((server.openConnections() > 0 || server.openStatements() > 0) && System.nanoTime() < end) {
                Thread.sleep(50); // polling what the server reports, not waiting for it by time
            }
            assertThat(server.openConnections()).as("connections left open").isZero();
            assertThat(server.openStatements()).as("statements left open").isZero();
            try (Connection c = server.connect(RemoteServer.READ_KEY)) {
                assertThat(Rows.of(c, "SELECT COUNT(*) FROM events")).containsExactly("0");
            }
        }
    }

    @Test
    void givenAKeyAtItsLimitWithConnectionsLeftIdle_whenItConnectsAgain_thenTheLongestIdleGivesItsSlotAway()
            throws Exception {
        RemoteLimits d = RemoteLimits.defaults();
        // two connections a key; idle for a thirtieth of 3 s (100 ms), a connection may give its slot away
        RemoteLimits twoOfThreeSeconds = new RemoteLimits(2, Duration.ofSeconds(3), d.maxStatements(),
            d.statementIdle(), d.maxFrameRows(), d.maxRequestBytes());
        try (RemoteServer server = RemoteServer.start(dir, twoOfThreeSeconds)) {
            // a client that went away without closing them (killed): nothing more comes from it
            Connection first = server.connect(RemoteServer.READ_KEY);
            Connection second = server.connect(RemoteServer.READ_KEY);
            assertThat(Rows.of(first, "SELECT 1")).containsExactly("1");
            assertThat(Rows.of(second, "SELECT 2")).containsExactly("2");

            Connection third = null;
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (third == null && System.nanoTime() < end) {
                try {
                    third = server.connect(RemoteServer.READ_KEY);
                } catch (SQLException e) {
                    // refused while both were in use within 100 ms: the test's client is faster than that
                    assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("53300");
                    assertThat(e.getMessage()).contains("none of them idle");
                    Thread.sleep(20); // polling the server's answer, not waiting for it by time
                }
            }
            assertThat(third).as("a connection given the slot of an idle one").isNotNull();
            // held until the 30 min expiry before, refusing every connection of the key (all loopback clients'
            // without keys) with 53300
            assertThat(Rows.of(third, "SELECT 3")).containsExactly("3");
            assertThat(server.openConnections()).isEqualTo(2);
            SQLException closed = Rows.failure(() -> Rows.of(first, "SELECT 1"));
            assertThat(closed.getSQLState()).as("the one idle longest: " + closed.getMessage()).isEqualTo("08003");
            assertThat(Rows.of(second, "SELECT 2")).as("the other is left").containsExactly("2");
            third.close();
            second.close();
            first.close();
        }
    }

    @Test
    void aStatementRunningLongerThanTheExpiriesIsNotClosedUnderItsRequest() throws Exception {
        RemoteLimits d = RemoteLimits.defaults();
        // checked every 100 ms; the query below runs for seconds without a request touching its statement
        RemoteLimits brief = new RemoteLimits(d.connectionsPerKey(), Duration.ofMillis(500), d.maxStatements(),
            Duration.ofMillis(300), d.maxFrameRows(), d.maxRequestBytes());
        // the rows written first under the default limits: a loaded machine took longer than 300 ms between the
        // batch's prepare and its execution, and the batch's own statement expired (26000)
        try (RemoteServer server = RemoteServer.start(dir, d);
             Connection c = server.connect(RemoteServer.WRITE_KEY);
             PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i = 0; i < 3_000; i++) {
                insert.setString(1, "s-" + i % 10);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (RemoteServer server = RemoteServer.start(dir, brief);
             Connection c = server.connect(RemoteServer.WRITE_KEY)) {
            long started = System.nanoTime();
            // 9 M pairs: seconds on any machine this runs on, far past both expiries
            List<String> count = Rows.of(c, "SELECT COUNT(*) FROM events a, events b WHERE a.seq + b.seq > 0");
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertThat(count).as("after " + millis + " ms").containsExactly("9000000");
        }
    }
}
