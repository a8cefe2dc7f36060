package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose JVM runs in a zone with daylight saving answers times as UTC, as any server does (SPEC §1): given
 * {@code serve} started with {@code -Duser.timezone=America/New_York}, when a client asks for 02:30 on 2024-03-10 (an
 * hour New York's clocks skip) and for an hour later, then HTTP and remote JDBC answer 02:30 and 03:30. The server
 * read its results through the JVM's zone (Avatica's conversion): both came out 03:30, to every client.
 */
class ServerZoneTest {

    private static final String SKIPPED_HOUR = "SELECT TIMESTAMP '2024-03-10 02:30:00' AS moment, "
        + "TIMESTAMP '2024-03-10 02:30:00' + INTERVAL '1' HOUR AS later, DATE '2024-03-10' AS on_day FROM (VALUES 1)";

    @TempDir
    Path dir;

    @Test
    void a_server_in_a_zone_with_daylight_saving_answers_a_skipped_hour_as_it_was_written() throws Exception {
        ServeProcess server = ServeProcess.start(List.of("-Duser.timezone=America/New_York"), dir.resolve("data"),
            dir, "new-york");
        try {
            JsonNode row = sql(server, SKIPPED_HOUR).get("rows").get(0);
            assertThat(row.get(0).asText()).isEqualTo("2024-03-10T02:30:00.000Z");
            assertThat(row.get(1).asText()).isEqualTo("2024-03-10T03:30:00.000Z");

            try (Connection c = DriverManager.getConnection("jdbc:hindsight://127.0.0.1:" + server.port());
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SKIPPED_HOUR)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2024-03-10 02:30:00");
                assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2024-03-10T02:30"));
                assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2024-03-10T03:30"));
                assertThat(rs.getObject(3, LocalDate.class)).isEqualTo(LocalDate.parse("2024-03-10"));
            }
        } finally {
            server.destroyIfAlive();
        }
    }

    /**
     * Given the same server, when a client binds a moment with a calendar ({@code setTimestamp(i, ts, calendar)}: the
     * moment's wall-clock time in the calendar's zone is the value), then the value is that wall-clock time and reads
     * back with the same calendar as the same moment. The server converted the parameter through its own zone as
     * well: New York's wall-clock time was stored four or five hours off, and read back so.
     */
    @Test
    void a_server_in_another_zone_keeps_a_timestamp_bound_with_a_calendar() throws Exception {
        ServeProcess server = ServeProcess.start(List.of("-Duser.timezone=America/New_York"), dir.resolve("data"),
            dir, "new-york");
        Calendar newYork = Calendar.getInstance(TimeZone.getTimeZone("America/New_York"));
        try (Connection c = DriverManager.getConnection("jdbc:hindsight://127.0.0.1:" + server.port());
             PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS TIMESTAMP) AS t, CAST(? AS VARCHAR) AS s")) {
            for (String moment : List.of("2024-01-15T12:00:00Z", "2024-07-15T12:00:00Z")) {
                Timestamp bound = Timestamp.from(Instant.parse(moment));
                ps.setTimestamp(1, bound, newYork);
                ps.setTimestamp(2, bound, newYork);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    LocalDateTime wallClock = LocalDateTime.ofInstant(bound.toInstant(),
                        newYork.getTimeZone().toZoneId());
                    assertThat(rs.getObject(1, LocalDateTime.class)).as(moment).isEqualTo(wallClock);
                    assertThat(rs.getString(2)).as(moment).startsWith(wallClock.toString().replace('T', ' '));
                    assertThat(rs.getTimestamp(1, newYork)).as(moment).isEqualTo(bound);
                }
            }
        } finally {
            server.destroyIfAlive();
        }
    }

    private static JsonNode sql(ServeProcess server, String sql) throws Exception {
        String body = new ObjectMapper().createObjectNode().put("sql", sql).toString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(server.url() + "/v1/sql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
