package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of {@code GET /v1/events} (what {@code export --url} reads), or of one stream's events, larger than the
 * server's heap is answered whole: its events are written out as they are read. Read whole first, a page of large
 * events ran the server out of memory (a hunt's {@code export --url} of ~900 KB events killed a server with 512 MB).
 */
class EventsPageMemoryTest {

    private static final int EVENTS = 150;
    private static final int DATA_CHARS = 900_000;

    @TempDir
    Path dir;

    @Test
    void givenEventsLargerTogetherThanTheHeap_whenOnePageAsksForAllOfThem_thenAllAreAnsweredAndTheServerRunsOn()
            throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        // 150 events of ~900 KB: ~135 MB of events for a heap of 96 MB
        ServeProcess server = ServeProcess.start(List.of("-Xmx96m"), data, dir, "serve");
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String pad = "w".repeat(DATA_CHARS);
            for (int i = 0; i < EVENTS; i++) {
                String body = "{\"entityType\":\"big\",\"name\":\"big.made\",\"data\":{\"i\":" + i + ",\"pad\":\"" + pad
                    + "\"}}";
                HttpResponse<String> appended = client.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/v1/streams/big/events"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(appended.statusCode()).as(appended.body()).isEqualTo(201);
            }

            for (String read : List.of("/v1/events?fromSeq=1&limit=1000", "/v1/streams/big/events?limit=1000")) {
                HttpResponse<InputStream> page = client.send(HttpRequest.newBuilder(URI.create(server.url() + read))
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofInputStream());

                assertThat(page.statusCode()).as(read).isEqualTo(200);
                assertThat(seqsIn(page.body())).as("events in the page of " + read).isEqualTo(EVENTS);
            }
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            server.destroyIfAlive();
        }
    }

    /** The events of a JSON array read as it streams in (their {@code seq} members counted), never held whole. */
    private static int seqsIn(InputStream body) throws Exception {
        int seqs = 0;
        try (InputStream in = body; JsonParser p = new JsonFactory().createParser(in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && "seq".equals(p.currentName()) && p.getParsingContext().getParent()
                        .inArray()) {
                    seqs++;
                }
            }
        }
        return seqs;
    }
}
