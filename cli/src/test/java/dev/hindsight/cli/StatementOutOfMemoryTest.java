package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement that runs the heap out, in a server started without {@code -XX:+ExitOnOutOfMemoryError} (as
 * {@code java -jar} or an embedding application runs it), is answered 53200 ({@code POST /v1/sql}: 500
 * {@code out_of_memory}), and the server goes on. Before, {@code POST /v1/sql} answered 200 with an empty body, which a
 * client takes for a whole answer, and the thin driver failed with 08006 (the same empty body).
 */
class StatementOutOfMemoryTest {

    private static final int EVENTS = 120;
    private static final int DATA_CHARS = 900_000;
    /** A sort holds every row: ~108 MB of data for a heap of 96 MB. */
    private static final String SORT_OF_EVERYTHING = "SELECT stream_id, data FROM events ORDER BY data DESC";

    @TempDir
    Path dir;

    @Test
    void givenASortOfMoreThanTheHeap_whenRunOverHttpAndJdbc_thenEachIs53200AndTheServerServesOn() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        ServeProcess server = ServeProcess.start(List.of("-Xmx96m"), data, dir, "serve");
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String pad = "w".repeat(DATA_CHARS);
            for (int i = 0; i < EVENTS; i++) {
                HttpResponse<String> appended = append(client, server, "{\"entityType\":\"big\",\"name\":\"big.made\","
                    + "\"data\":{\"i\":" + i + ",\"pad\":\"" + pad + "\"}}");
                assertThat(appended.statusCode()).as(appended.body()).isEqualTo(201);
            }

            HttpResponse<String> sorted = sql(client, server, SORT_OF_EVERYTHING);

            assertThat(sorted.statusCode()).as(sorted.body()).isEqualTo(500);
            assertThat(sorted.body()).contains("\"code\":\"out_of_memory\"", "\"sqlState\":\"53200\"")
                .doesNotContain("\tat ");

            try (Connection c = DriverManager.getConnection("jdbc:hindsight://127.0.0.1:" + server.port());
                 Statement s = c.createStatement()) {
                SQLException refused = catchThrowableOfType(SQLException.class, () -> {
                    try (ResultSet rs = s.executeQuery(SORT_OF_EVERYTHING)) {
                        while (rs.next()) {
                            rs.getString(2);
                        }
                    }
                });

                assertThat((Throwable) refused).as("the thin driver's error").isNotNull();
                assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("53200");
                assertThat(refused.getMessage()).contains("out of memory");
                // the same connection goes on
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(EVENTS);
                }
            }
            HttpResponse<String> small = append(client, server, "{\"entityType\":\"big\",\"name\":\"big.made\","
                + "\"data\":{\"i\":-1}}");
            assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
            HttpResponse<String> count = sql(client, server, "SELECT COUNT(*) AS n FROM events");
            assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
            assertThat(count.body()).contains("[" + (EVENTS + 1) + "]");
        } finally {
            server.destroyIfAlive();
        }
    }

    private static HttpResponse<String> append(HttpClient client, ServeProcess server, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/streams/big/events"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> sql(HttpClient client, ServeProcess server, String sql) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/sql"))
            .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"" + sql + "\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
