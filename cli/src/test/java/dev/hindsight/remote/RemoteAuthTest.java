package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.hindsight.sql.jdbc.RemoteLimits;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may connect and what they may do: the JDBC password is the API key (28000 when it is wrong or missing), the
 * key's role limits the statements (42501), engine properties are the server's (08001), connections per key are
 * limited (53300), and an unreachable server is 08001.
 */
class RemoteAuthTest {

    private static final String INSERT = Rows.INSERT + "VALUES ('r', 't', 'x.y', '{}', NULL, NULL)";

    @TempDir
    Path dir;
    RemoteServer server;

    @BeforeEach
    void start() throws Exception {
        server = RemoteServer.start(dir, RemoteLimits.defaults().withConnectionsPerKey(2));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aWrongOrMissingKeyIsRefusedWith28000() throws Exception {
        SQLException wrong = Rows.failure(() -> server.connect("not-a-key").close());
        assertThat(wrong.getSQLState()).isEqualTo("28000");
        assertThat(wrong.getMessage()).doesNotContain("not-a-key")
            .startsWith("invalid credentials"); // the server's words only, as every other remote error (jdbc.md)
        assertThat(Rows.failure(() -> server.connect(new Properties()).close()).getSQLState()).isEqualTo("28000");
        assertThat(server.refusedLogins()).as("hindsight_jdbc_logins_refused_total").isEqualTo(2);
        server.connect(RemoteServer.READ_KEY).close();
        assertThat(server.refusedLogins()).isEqualTo(2);
    }

    @Test
    void blanksAroundTheKeyAreIgnoredAsTheHttpApiIgnoresThem() throws Exception {
        // a key read from a file with its line end (CRLF) opened no JDBC connection, while every HTTP request took it
        try (Connection c = server.connect(" " + RemoteServer.READ_KEY + "\r\n")) {
            assertThat(Rows.of(c, "SELECT COUNT(*) FROM events")).containsExactly("0");
        }
        assertThat(Rows.failure(() -> server.connect(RemoteServer.READ_KEY + "x").close()).getSQLState())
            .isEqualTo("28000");
    }

    @Test
    void aReadKeyQueriesButItsInsertFailsWith42501AndAWriteKeysDdlToo() throws Exception {
        try (Connection read = server.connect(RemoteServer.READ_KEY)) {
            assertThat(Rows.of(read, "SELECT COUNT(*) FROM events")).containsExactly("0");
            SQLException e = Rows.failure(() -> Rows.update(read, INSERT));
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getMessage()).contains("read role");
        }
        try (Connection write = server.connect(RemoteServer.WRITE_KEY)) {
            assertThat(Rows.update(write, INSERT)).isEqualTo(1);
            assertThat(Rows.failure(() -> Rows.update(write, "CREATE PROJECTION p AS SELECT stream_id, COUNT(*) AS n "
                + "FROM events GROUP BY stream_id")).getSQLState()).isEqualTo("42501");
        }
        try (Connection admin = server.connect(RemoteServer.ADMIN_KEY)) {
            Rows.update(admin, "CREATE PROJECTION p AS SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id");
            assertThat(Rows.of(admin, "SELECT stream_id, n FROM p")).containsExactly("r, 1");
        }
    }

    @Test
    void engineLevelPropertiesAreRefusedNamingTheProperty() {
        for (String property : new String[] {"access", "fastPath", "planCacheSize", "model", "schemaFactory", "fun"}) {
            Properties p = new Properties();
            p.setProperty("password", RemoteServer.READ_KEY);
            p.setProperty(property, "admin");
            SQLException e = Rows.failure(() -> server.connect(p).close());
            assertThat(e.getSQLState()).as(property).isEqualTo("08001");
            assertThat(e.getMessage()).as(property).startsWith("connection property " + property)
                .contains("fetch_size and timeZone"); // the driver's own, which jdbc.md lists with the others
        }
        Properties durability = new Properties();
        durability.setProperty("password", RemoteServer.READ_KEY);
        durability.setProperty("durability", "fsync");
        assertThat(Rows.failure(() -> server.connect(durability).close()).getMessage())
            .startsWith("connection property durability=fsync differs");
        // a value that is no level says so, as the command line does (it said the value differed from the server's)
        durability.setProperty("durability", "bogus");
        SQLException bogus = Rows.failure(() -> server.connect(durability).close());
        assertThat(bogus.getSQLState()).isEqualTo("08001");
        assertThat(bogus.getMessage()).contains("durability must be process or fsync, was 'bogus'");
    }

    @Test
    void clientSidePropertiesTheDriverCannotUseAre22023NamingTheValue() {
        // fetch_size=abc was a failure to connect (08001, in BigDecimal's words), -5 was taken, and a timeZone no zone
        // has was GMT without a word
        for (String[] bad : new String[][] {{"fetch_size", "abc"}, {"fetch_size", "-5"}, {"timeZone", "Nowhere/X"},
            {"timeZone", ""}}) {
            Properties p = new Properties();
            p.setProperty("password", RemoteServer.READ_KEY);
            p.setProperty(bad[0], bad[1]);
            SQLException e = Rows.failure(() -> server.connect(p).close());
            assertThat(e.getSQLState()).as(bad[0] + "=" + bad[1]).isEqualTo("22023");
            assertThat(e.getMessage()).as(bad[0]).contains("property " + bad[0]).contains("'" + bad[1] + "'");
        }
        Properties padded = new Properties();
        padded.setProperty("password", RemoteServer.READ_KEY);
        padded.setProperty("fetch_size", " 0000000010 "); // Avatica read it untrimmed: 08001
        assertThatCode(() -> server.connect(padded).close()).doesNotThrowAnyException();
    }

    @Test
    void theServersOwnDurabilityMayBeRepeated() throws Exception {
        Properties p = new Properties();
        p.setProperty("password", RemoteServer.READ_KEY);
        p.setProperty("durability", "process");
        try (Connection c = server.connect(p)) {
            assertThat(Rows.of(c, "SELECT COUNT(*) FROM events")).containsExactly("0");
        }
    }

    @Test
    void connectionsBeyondTheLimitOfAKeyAreRefusedWith53300() throws Exception {
        try (Connection a = server.connect(RemoteServer.READ_KEY);
             Connection b = server.connect(RemoteServer.READ_KEY)) {
            assertThat(a.isValid(5) && b.isValid(5)).isTrue();
            SQLException third = Rows.failure(() -> server.connect(RemoteServer.READ_KEY).close());
            assertThat(third.getSQLState()).isEqualTo("53300");
            assertThat(third.getMessage()).doesNotContain("Remote driver error");
            try (Connection other = server.connect(RemoteServer.WRITE_KEY)) {
                assertThat(other.isValid(5)).as("another key has its own count").isTrue();
            }
        }
        try (Connection again = server.connect(RemoteServer.READ_KEY)) {
            assertThat(Rows.of(again, "SELECT COUNT(*) FROM events")).as("closed ones count no more")
                .containsExactly("0");
        }
    }

    @Test
    void anUnreachableServerIs08001() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("password", "x");
        SQLException e = Rows.failure(() -> ThinDriver.connect("jdbc:hindsight://127.0.0.1:" + port, p).close());
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains("127.0.0.1:" + port);
    }
}
