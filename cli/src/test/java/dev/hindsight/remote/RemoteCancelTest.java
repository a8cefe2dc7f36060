package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.sql.jdbc.RemoteLimits;
import dev.hindsight.testkit.CancelLoop;
import dev.hindsight.testkit.ResultRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Statement.cancel()} through the thin jar, as embedded and as in PostgreSQL: it reaches the server, which
 * Avatica's protocol cannot say, over a connection of its own while the statement's request waits; what the statement
 * runs there stops with 57014, and the statement runs again. A wait for a projection that never catches up (seq
 * 10^12, two minutes, where {@link CancelLoop} gives up after one) ends only by a cancel that reached the server.
 */
class RemoteCancelTest {

    private static final String CANCELED = "57014";
    private static final String NEVER = "SELECT applied FROM TABLE(sys.await_projection('counts', 1000000000000, "
        + "120000))";

    @TempDir
    Path dir;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @BeforeEach
    void twentyThousandEvents() {
        BulkLog.write(dir, 20, 1000);
    }

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    @Test
    void givenAStatementRunningOnTheServer_whenCanceled_thenItStopsWith57014_andRunsAgain() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.ADMIN_KEY)) {
            try (Statement ddl = c.createStatement()) {
                ddl.execute("CREATE PROJECTION counts AS SELECT stream_id, COUNT(*) AS n FROM events GROUP BY "
                    + "stream_id");
            }
            try (Statement st = c.createStatement()) {
                Future<Boolean> waiting = runner.submit(() -> {
                    try (ResultSet rs = st.executeQuery(NEVER)) {
                        return rs.next();
                    }
                });
                SQLException e = CancelLoop.until(st, waiting);
                assertThat(e.getSQLState()).isEqualTo(CANCELED);
                assertThat(e.getMessage()).isEqualTo("canceling statement due to user request");
                assertThat(ResultRows.number(st.executeQuery("SELECT count(*) FROM counts")))
                    .as("runs again").isEqualTo(20);
            }
            try (PreparedStatement ps = c.prepareStatement(NEVER)) {
                Future<Boolean> waiting = runner.submit(() -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                });
                assertThat(CancelLoop.until(ps, waiting).getSQLState()).isEqualTo(CANCELED);
            }
            try (Statement st = c.createStatement()) {
                assertThat(ResultRows.number(st.executeQuery("SELECT count(*) FROM events")))
                    .as("the connection goes on").isEqualTo(20_000);
            }
        }
    }

    @Test
    void aStatementCanceledWhileItsRowsAreReadFailsWith57014_andRunsAgainWhole() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.READ_KEY);
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM events")) {
            ps.setFetchSize(100);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                ps.cancel();
                SQLException e = catchThrowableOfType(SQLException.class, () -> {
                    while (rs.next()) {
                        // stops at once: next() sees the flag
                    }
                });
                assertThat(e.getSQLState()).isEqualTo(CANCELED);
            }
            assertThat(ResultRows.count(ps.executeQuery())).isEqualTo(20_000);
        }
    }

    @Test
    void aCancelWhileNothingRunsLeavesTheNextRunAlone() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.READ_KEY);
             Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM events")) {
            st.cancel();
            ps.cancel();
            assertThat(ResultRows.count(st.executeQuery("SELECT seq FROM events"))).isEqualTo(20_000);
            assertThat(ResultRows.count(ps.executeQuery())).isEqualTo(20_000);
        }
    }

    @Test
    void aCancelStillOnItsWayToTheServerDoesNotStopTheStatementsNextRun() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.ADMIN_KEY);
             Statement st = c.createStatement()) {
            st.execute("CREATE PROJECTION counts AS SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id");
            st.setFetchSize(10); // a fetch in flight most of the time: the cancel goes to the server
            for (int i = 0; i < 20; i++) {
                try (ResultSet rs = st.executeQuery("SELECT seq FROM events")) {
                    assertThat(rs.next()).isTrue();
                    Future<Object> canceling = runner.submit(() -> {
                        st.cancel();
                        return null;
                    });
                    SQLException stopped = catchThrowableOfType(SQLException.class, () -> {
                        while (rs.next()) {
                            // until this side sees the cancel
                        }
                    });
                    assertThat(stopped == null ? "all rows read first" : stopped.getSQLState())
                        .isIn(CANCELED, "all rows read first");
                    // the next run at once, as the cancel may still be on its way: a 200 ms wait that ends unapplied
                    try (ResultSet next = st.executeQuery("SELECT applied FROM TABLE(sys.await_projection('counts', "
                        + "1000000000000, 200))")) {
                        assertThat(next.next()).isTrue();
                        assertThat(next.getBoolean(1)).as("run %d", i).isFalse();
                    }
                    canceling.get();
                }
            }
        }
    }

    @Test
    void aStatementTheServerDroppedAndMadeAgainRunsAfterACancel() throws Exception {
        RemoteLimits d = RemoteLimits.defaults();
        RemoteLimits idleSecond = new RemoteLimits(d.connectionsPerKey(), d.connectionIdle(), d.maxStatements(),
            Duration.ofSeconds(1), d.maxFrameRows(), d.maxRequestBytes());
        try (RemoteServer server = RemoteServer.start(dir, idleSecond);
             Connection c = server.connect(RemoteServer.READ_KEY);
             Statement st = c.createStatement()) {
            assertThat(ResultRows.number(st.executeQuery("SELECT count(*) FROM events"))).isEqualTo(20_000);
            // the scenario, not a synchronisation: idle longer than the server keeps an idle statement
            Thread.sleep(1_500);
            assertThat(ResultRows.number(st.executeQuery("SELECT count(*) FROM events")))
                .as("made again").isEqualTo(20_000);
            st.cancel(); // nothing runs; Avatica's flag for the statement's new number is another object
            assertThat(ResultRows.number(st.executeQuery("SELECT count(*) FROM events"))).isEqualTo(20_000);
        }
    }
}
