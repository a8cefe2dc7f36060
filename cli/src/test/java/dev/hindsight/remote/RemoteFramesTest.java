package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.sql.jdbc.RemoteLimits;
import dev.hindsight.testkit.ResultRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large results travel in few frames (5 000 rows each by default, the client's fetch size honoured), and a result the
 * server dropped is never silently re-run on a grown log: reading on fails with 24000.
 */
class RemoteFramesTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void twentyThousandRowsTakeAHandfulOfRequests() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.WRITE_KEY)) {
            seed(c, ROWS);
            int before = server.requests();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT seq FROM events")) {
                long n = 0;
                while (rs.next()) {
                    n++;
                }
                assertThat(n).isEqualTo(ROWS);
            }
            assertThat(server.requests() - before).as("requests for %d rows", ROWS).isLessThanOrEqualTo(8);

            before = server.requests();
            try (Statement st = c.createStatement()) {
                st.setFetchSize(1_000);
                try (ResultSet rs = st.executeQuery("SELECT seq FROM events")) {
                    while (rs.next()) {
                        assertThat(rs.getLong(1)).isPositive();
                    }
                }
            }
            assertThat(server.requests() - before).as("a fetch size of 1 000 is honoured").isBetween(20, 26);
        }
    }

    /**
     * A frame is built whole on the server before it goes out: 5 000 rows of events of 300 kB made one of 1.5 GB and
     * ran a server out of memory. Frames stop at about 4 MiB of rows, however many the fetch size lets in.
     */
    @Test
    void largeRowsComeInFramesOfAFewMebibytesNotOneFrameOfTheFetchSize() throws Exception {
        int events = 40;
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.WRITE_KEY)) {
            try (PreparedStatement ps = c.prepareStatement(Rows.INSERT + "VALUES (?, 't', 'x.y', ?, NULL, NULL)")) {
                for (int i = 0; i < events; i++) {
                    ps.setString(1, "big-" + i);
                    ps.setString(2, "{\"i\": " + i + ", \"text\": \"" + "x".repeat(200_000) + "\"}");
                    ps.executeUpdate();
                }
            }
            for (int fetchSize : new int[] {0, 1_000}) {
                try (Statement st = c.createStatement()) {
                    st.setFetchSize(fetchSize);
                    int before = server.requests();
                    try (ResultSet rs = st.executeQuery("SELECT stream_id, data FROM events ORDER BY seq")) {
                        for (int i = 0; i < events; i++) {
                            assertThat(rs.next()).isTrue();
                            assertThat(rs.getString(1)).isEqualTo("big-" + i);
                            assertThat(rs.getString(2)).hasSize(200_019 + String.valueOf(i).length());
                        }
                        assertThat(rs.next()).isFalse();
                    }
                    // 8 MB of rows: the execute's frame, then at least one fetched (it was the execute's alone)
                    assertThat(server.requests() - before).as("requests, fetch size %d", fetchSize).isBetween(2, 4);
                }
            }
        }
    }

    /** Avatica's server cut every first frame at 100 rows: 201 rows took two requests, a fetch size of 5 came later. */
    @Test
    void theFirstFrameIsTheFetchSizeNotAvaticasHundredRows() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.WRITE_KEY);
             Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM events WHERE seq > ?")) {
            seed(c, 201);
            ps.setLong(1, 0);
            for (int fetchSize : new int[] {0, 5}) {
                st.setFetchSize(fetchSize);
                ps.setFetchSize(fetchSize);
                // 0: the driver's 5 000 rows, the whole result in the answer to the execute; 5: 1 + 196 / 5 requests
                int requests = fetchSize == 0 ? 1 : 41;
                int before = server.requests();
                assertThat(ResultRows.count(st.executeQuery("SELECT seq FROM events"))).isEqualTo(201);
                assertThat(server.requests() - before).as("Statement, fetch size %d", fetchSize).isEqualTo(requests);
                before = server.requests();
                assertThat(ResultRows.count(ps.executeQuery())).isEqualTo(201);
                assertThat(server.requests() - before).as("PreparedStatement, fetch size %d", fetchSize)
                    .isEqualTo(requests);
            }
            st.setMaxRows(150); // the limit still holds where the frame is larger
            assertThat(ResultRows.count(st.executeQuery("SELECT seq FROM events"))).isEqualTo(150);
        }
    }

    /** The rows after the 100th come from a fetch, whose dates Avatica's server reads with another calendar. */
    @Test
    void datesBeforeTheGregorianCalendarAreTheSameInEveryRowOfAFirstFrame() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.WRITE_KEY)) {
            seed(c, 150);
            List<String> days = Rows.of(c, "SELECT CAST(TIMESTAMPADD(DAY, CAST(seq AS INTEGER), "
                + "TIMESTAMP '1500-03-01 00:00:00') AS VARCHAR(30)) || ' ' || CAST(TIMESTAMPADD(DAY, "
                + "CAST(seq AS INTEGER), DATE '1500-03-01') AS VARCHAR(30)) FROM events ORDER BY seq");
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT TIMESTAMPADD(DAY, CAST(seq AS INTEGER), "
                     + "TIMESTAMP '1500-03-01 00:00:00'), TIMESTAMPADD(DAY, CAST(seq AS INTEGER), DATE '1500-03-01') "
                     + "FROM events ORDER BY seq")) {
                for (int row = 1; row <= 150; row++) {
                    assertThat(rs.next()).isTrue();
                    LocalDateTime ts = rs.getObject(1, LocalDateTime.class);
                    LocalDate day = rs.getObject(2, LocalDate.class);
                    assertThat(ts).as("row %d", row).isEqualTo(LocalDateTime.of(1500, 3, 1, 0, 0).plusDays(row));
                    assertThat(day).as("row %d", row).isEqualTo(LocalDate.of(1500, 3, 1).plusDays(row));
                    assertThat(days.get(row - 1)).startsWith(ts.toLocalDate().toString());
                }
            }
        }
    }

    @Test
    void aFetchSizeOfZeroLetsTheDriverDecideAndEveryRowComesBack() throws Exception {
        Properties zero = new Properties();
        zero.setProperty("password", RemoteServer.WRITE_KEY);
        zero.setProperty("fetch_size", "0");
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.WRITE_KEY);
             Connection zeroByProperty = server.connect(zero)) {
            seed(c, 10_038);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(0);
                assertThat(ResultRows.count(st.executeQuery("SELECT seq FROM events"))).as("Statement")
                    .isEqualTo(10_038);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM events WHERE seq > ?")) {
                ps.setFetchSize(0);
                ps.setLong(1, 0);
                assertThat(ResultRows.count(ps.executeQuery())).as("PreparedStatement").isEqualTo(10_038);
            }
            try (Statement st = zeroByProperty.createStatement()) {
                assertThat(ResultRows.count(st.executeQuery("SELECT seq FROM events"))).as("fetch_size=0")
                    .isEqualTo(10_038);
            }
        }
    }

    @Test
    void aFetchSizeOfZeroIsAnsweredAsSetWhileFramesStayTheDriversSize() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.WRITE_KEY)) {
            seed(c, 10_038);
            try (Statement st = c.createStatement();
                 PreparedStatement ps = c.prepareStatement("SELECT seq FROM events WHERE seq > ?")) {
                st.setFetchSize(0);
                ps.setFetchSize(0);
                assertThat(st.getFetchSize()).as("Statement").isZero();
                assertThat(ps.getFetchSize()).as("PreparedStatement").isZero();

                ps.setLong(1, 0);
                int before = server.requests();
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.getFetchSize()).as("the result's, the statement's").isZero();
                    assertThat(ResultRows.count(rs)).isEqualTo(10_038);
                }
                // frames of 5 000 rows (the server's own limit would be 100 000): the execute, then two fetches
                assertThat(server.requests() - before).as("requests for 10 038 rows").isEqualTo(3);
            }
        }
    }

    @Test
    void aResultTheServerDroppedIsNotReRunOnAGrownLog() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir, RemoteLimits.defaults().withMaxStatements(1));
             Connection c = server.connect(RemoteServer.WRITE_KEY)) {
            seed(c, 300);
            try (Statement first = c.createStatement()) {
                first.setFetchSize(100);
                try (ResultSet rs = first.executeQuery("SELECT seq FROM events")) {
                    assertThat(rs.next()).isTrue();
                    // a second statement pushes the first out of the server's cache (its limit is one)
                    Rows.update(c, Rows.INSERT + "VALUES ('late', 't', 'x.y', '{}', NULL, NULL)");
                    SQLException e = Rows.failure(() -> {
                        while (rs.next()) {
                            assertThat(rs.getLong(1)).isLessThanOrEqualTo(300);
                        }
                    });
                    assertThat(e.getSQLState()).isEqualTo("24000");
                    assertThat(e.getMessage()).contains("run the query again");
                }
            }
        }
    }

    /**
     * Avatica's protocol has no close of a result: a result closed before its end held its unread rows (read ahead) on
     * the server until its statement closed or sat idle 10 minutes (a hunt ran a 256 MB server out of memory with 22
     * results of large events closed by their clients, their statements kept). A plain statement's is closed on the
     * server with its result, and the statement runs on; a result read to its end or within its first frame, and a
     * prepared statement's, cost no request more.
     */
    @Test
    void aPlainStatementsResultClosedBeforeItsEndIsLetGoOnTheServerAndTheStatementRunsOn() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.WRITE_KEY)) {
            seed(c, 100);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(10);
                ResultSet early = st.executeQuery("SELECT seq FROM events");
                assertThat(early.next()).isTrue();
                assertThat(server.openStatements()).isEqualTo(1);

                early.close();

                assertThat(server.openStatements()).as("the server's statement closed with its result").isZero();
                try (ResultSet count = st.executeQuery("SELECT COUNT(*) FROM events")) {
                    assertThat(count.next()).isTrue();
                    assertThat(count.getLong(1)).as("the statement runs on").isEqualTo(100);
                }
                ResultSet again = st.executeQuery("SELECT seq FROM events");
                assertThat(again.next()).isTrue();
                again.close();
                st.addBatch(Rows.INSERT + "VALUES ('b', 't', 'x.y', '{}', NULL, NULL)");
                assertThat(st.executeBatch()).as("a batch after it, where the server refused one of a closed statement")
                    .containsExactly(1);

                int before = server.requests();
                try (ResultSet whole = st.executeQuery("SELECT seq FROM events WHERE seq <= 5")) {
                    assertThat(whole.next()).isTrue(); // closed within its only frame: nothing held on the server
                }
                assertThat(server.requests() - before).as("requests of a result in one frame").isEqualTo(1);

                before = server.requests();
                try (ResultSet exact = st.executeQuery("SELECT seq FROM events WHERE seq <= 15")) {
                    for (int i = 0; i < 15; i++) {
                        assertThat(exact.next()).isTrue(); // its last row, never next() past it
                    }
                }
                assertThat(server.requests() - before).as("two frames, the second the last: no request to let go")
                    .isEqualTo(2);
            }
            Statement dropped = c.createStatement();
            dropped.setFetchSize(10);
            ResultSet partly = dropped.executeQuery("SELECT seq FROM events");
            assertThat(partly.next()).isTrue();
            partly.close();
            int before = server.requests();
            dropped.close();
            assertThat(server.requests() - before).as("a statement closed on the server with its result").isZero();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM events WHERE seq > ?")) {
                ps.setFetchSize(10);
                ps.setLong(1, 0);
                ResultSet early = ps.executeQuery();
                assertThat(early.next()).isTrue();
                early.close();
                assertThat(server.openStatements()).as("a prepared statement stays prepared").isEqualTo(1);
                ps.setLong(1, 99);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(100);
                }
            }
        }
    }

    private static void seed(Connection c, int rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Rows.INSERT + "VALUES (?, 't', 'x.y', '{}', NULL, NULL)")) {
            for (int i = 0; i < rows; i++) {
                ps.setString(1, "s" + (i % 100));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
