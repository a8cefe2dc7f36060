package dev.hindsight.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.http.auth.Role;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import dev.hindsight.testkit.SlowReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's statement timeout ({@code serve --statement-timeout}) reaches the sessions {@code POST /v1/sql} runs
 * its statements in: a statement that runs longer (its rows read slower than the limit) stops with 57014, which the
 * route answers with 408. Zero is no limit.
 */
class SqlConnectionsTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void givenAServerStatementTimeout_whenAStatementRunsLonger_thenItStopsWith57014() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                batch.add(NewEvent.of("x.y", "{}"));
            }
            for (int i = 0; i < 20; i++) {
                log.append("s-" + i, "t", batch, ExpectedVersion.any());
            }
        }
        String url = "jdbc:hindsight:file:" + dir;
        SqlConnections limited = new SqlConnections(url, "process", Duration.ofMillis(200), 1);
        SqlConnections unlimited = new SqlConnections(url, "process", Duration.ZERO, 1);
        try (Connection c = limited.open(Role.READ); Statement st = c.createStatement()) {
            SQLException e = catchThrowableOfType(SQLException.class,
                () -> SlowReader.rows(st, "SELECT seq FROM events", 300));
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("statement timeout (200 ms)");
        }
        try (Connection c = unlimited.open(Role.READ); Statement st = c.createStatement()) {
            assertThat(SlowReader.rows(st, "SELECT seq FROM events", 300)).isEqualTo(20_000);
        }
    }

    @Test
    void aConnectionWhoseSessionAStatementChangedIsNotReusedHoweverTheSetWasSpelled() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            log.append("s", "t", List.of(NewEvent.of("x.y", "{}"), NewEvent.of("x.y", "{}")), ExpectedVersion.any());
        }
        SqlConnections pool = new SqlConnections("jdbc:hindsight:file:" + dir, "process", Duration.ofMillis(200), 1);
        for (String set : List.of("/* a comment first */ SET as_of = 'seq:1'", "-- a line\nSET statement_timeout = 0",
            "SET query_timeout = 5")) {
            Connection c = pool.acquire(Role.READ);
            try (Statement st = c.createStatement()) {
                st.execute(set);
            }
            pool.release(Role.READ, c, true); // what the route says for a statement that does not start with SET
            Connection next = pool.acquire(Role.READ);
            assertThat(next).as(set).isNotSameAs(c);
            assertThat(c.isClosed()).as(set).isTrue();
            try (Statement st = next.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as(set).isEqualTo(2);
            }
            pool.release(Role.READ, next, true);
        }
    }
}
