package dev.hindsight.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.testkit.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An internal error of a remote statement reaches the client as XX000 with no internals, and the server's log has its
 * fault once, with the trace, and one line for the request: the request's own trace (Avatica's frames, without the
 * fault) was logged as well.
 */
class RemoteInternalErrorLogTest {

    @TempDir
    Path dir;

    @Test
    void anInternalErrorIsLoggedOnceWithItsFaultAndTheRequestAddsOneLine() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.READ_KEY);
             Statement st = c.createStatement();
             LogCapture logs = LogCapture.of("dev.hindsight")) {
            // an internal error of Calcite's: a geometry literal it cannot parse fails a class's initialisation
            SQLException e = catchThrowableOfType(SQLException.class,
                () -> st.executeQuery("SELECT CAST('x' AS GEOMETRY)"));

            assertThat(e.getSQLState()).isEqualTo("XX000");
            assertThat(e.getMessage()).doesNotContain("Exception", "at org.");
            List<LogRecord> records = logs.records();
            assertThat(records).as("records logged").hasSize(2);
            assertThat(records.stream().filter(r -> r.getThrown() != null)).as("traces").hasSize(1);
            assertThat(records.get(1).getMessage()).contains("logged above");
        }
    }

    @Test
    void anInternalErrorWhilePreparingIsLoggedOnceWithItsFaultAndTheRequestAddsOneLine() throws Exception {
        try (RemoteServer server = RemoteServer.start(dir);
             Connection c = server.connect(RemoteServer.READ_KEY);
             LogCapture logs = LogCapture.of("dev.hindsight")) {
            // an internal error of Calcite's while preparing (a sub-query under COALESCE in HAVING; a known fault): it
            // was logged nowhere, and the request's line said its fault was "logged above"
            SQLException e = catchThrowableOfType(SQLException.class, () -> c.prepareStatement("SELECT stream_id FROM "
                + "events GROUP BY stream_id HAVING COALESCE((SELECT COUNT(*) FROM events e2 WHERE e2.stream_id = "
                + "events.stream_id), 0) > ?"));

            assertThat(e.getSQLState()).isEqualTo("XX000");
            assertThat(e.getMessage()).doesNotContain("Exception", "at org.");
            List<LogRecord> records = logs.records();
            assertThat(records).as("records logged").hasSize(2);
            assertThat(records.get(0).getThrown()).as("the fault, logged first").isNotNull();
            assertThat(records.get(1).getThrown()).isNull();
            assertThat(records.get(1).getMessage()).contains("logged above");
        }
    }
}
