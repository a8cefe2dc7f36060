package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code {streamId}} and {@code {name}} path segments, and query parameters, are percent-decoded exactly once, as
 * strict UTF-8: any stream id SPEC §1 allows can be reached, {@code /} and {@code %} included, and bytes that are no
 * UTF-8 are refused with the JSON error shape.
 */
class PathSegmentDecodingTest {

    static final String EVENT = "{\"entityType\":\"s\",\"name\":\"x\",\"data\":{}}";

    @TempDir
    Path dir;

    RunningServer running;
    Client client;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(dir);
        client = running.client;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void an_encoded_slash_in_a_stream_id_is_decoded_once_to_a_slash() {
        Client.Answer appended = client.post("/v1/streams/a%2Fb/events", EVENT);

        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
        assertThat(running.server.context().log().streamInfo("a/b")).isPresent();
        assertThat(client.get("/v1/streams/a%2Fb").json().get("streamId").asText()).isEqualTo("a/b");
        assertThat(client.get("/v1/streams/a%2fb/events").json()).hasSize(1);
        assertThat(client.get("/v1/streams/a%252Fb").status()).isEqualTo(404);
    }

    @Test
    void an_encoded_question_mark_in_a_stream_id_is_part_of_the_id_not_a_query() {
        Client.Answer appended = client.post("/v1/streams/q%3Fx-1/events", EVENT);

        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
        assertThat(running.server.context().log().streamInfo("q?x-1")).isPresent();
        assertThat(client.get("/v1/streams/q%3Fx-1/events").json().get(0).get("streamId").asText())
            .isEqualTo("q?x-1");
        assertThat(client.get("/v1/streams/q%3fx-1").json().get("streamId").asText()).isEqualTo("q?x-1");
        assertThat(client.get("/v1/streams/q%3Fx-1/events?limit=1").json()).hasSize(1);
    }

    @Test
    void a_stream_id_of_256_characters_beyond_the_basic_plane_is_appended_to_read_and_followed() {
        String emoji = "%F0%9F%98%80"; // one character, two Java chars
        String id = emoji.repeat(256);

        Client.Answer appended = client.post("/v1/streams/" + id + "/events", EVENT);
        Client.Answer over = client.post("/v1/streams/" + id + emoji + "/events", EVENT);

        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
        assertThat(client.get("/v1/streams/" + id + "/events").json()).hasSize(1);
        assertThat(client.get("/v1/streams/" + id + "/subscribe?replay=1").status()).isEqualTo(200);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().get("error").asText()).contains("at most 256 characters, was 257");
        assertThat(client.get("/v1/streams/" + id + emoji + "/subscribe").status()).isEqualTo(400);
    }

    @Test
    void a_stream_whose_id_holds_a_slash_made_with_sql_is_reached_over_http() {
        Client.Answer inserted = client.post("/v1/sql", "{\"sql\":\"INSERT INTO events (stream_id, entity_type, name, "
            + "data) VALUES ('x/y', 's', 'x', '{}')\"}");

        assertThat(inserted.status()).as(inserted.body()).isEqualTo(200);
        Client.Answer stream = client.get("/v1/streams/x%2Fy");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.json().get("streamId").asText()).isEqualTo("x/y");
        assertThat(client.get("/v1/streams/x%2Fy/events").json().get(0).get("streamId").asText()).isEqualTo("x/y");
    }

    @Test
    void every_escape_is_decoded_once_as_utf8_and_other_characters_are_kept() {
        assertThat(client.post("/v1/streams/100%25/events", EVENT).status()).isEqualTo(201);
        assertThat(client.post("/v1/streams/%25252F/events", EVENT).status()).isEqualTo(201);
        assertThat(client.post("/v1/streams/%C3%BC-%F0%9F%98%80/events", EVENT).status()).isEqualTo(201);
        assertThat(client.post("/v1/streams/a%3Bb+c/events", EVENT).status()).isEqualTo(201);
        assertThat(client.post("/v1/streams/k;v=1/events", EVENT).status()).isEqualTo(201);

        assertThat(running.server.context().log().streamInfo("100%")).isPresent();
        assertThat(running.server.context().log().streamInfo("%252F")).isPresent();
        assertThat(running.server.context().log().streamInfo("\u00fc-\ud83d\ude00")).isPresent();
        assertThat(running.server.context().log().streamInfo("a;b+c")).isPresent();
        assertThat(running.server.context().log().streamInfo("k;v=1")).isPresent(); // not a path parameter
        assertThat(client.get("/v1/streams/100%25").json().get("streamId").asText()).isEqualTo("100%");
    }

    @Test
    void an_escape_that_is_no_utf8_is_refused_with_400_naming_the_parameter_and_the_bytes() throws Exception {
        Client.Answer invalid = client.post("/v1/streams/a%FFb/events", EVENT);
        Client.Answer overlong = client.get("/v1/streams/%C0%AF");
        Client.Answer surrogate = client.get("/v1/streams/%ED%A0%80/events");
        Client.Answer projection = client.get("/v1/projections/p%E2%82/status");
        // java.net.URI refuses such a path: sent on a socket
        RawHttp.Answer notAnEscape = RawHttp.send(InetAddress.getLoopbackAddress(), running.server.port(), "GET",
            "/v1/streams/50%25%2G", null);

        assertThat(invalid.json().get("error").asText())
            .isEqualTo("path parameter streamId 'a%FFb' is not UTF-8 once decoded: invalid byte FF");
        assertThat(overlong.json().get("error").asText()).endsWith("overlong encoding C0 AF");
        assertThat(surrogate.json().get("error").asText()).endsWith("encoded surrogate ED A0 80");
        assertThat(projection.json().get("error").asText())
            .isEqualTo("path parameter name 'p%E2%82' is not UTF-8 once decoded: truncated sequence E2 82");
        // Undertow's request parser checks every escape, decoding or not, and answers itself, with no body: no
        // handler sees the request
        assertThat(notAnEscape.status()).isEqualTo(400);
        for (Client.Answer answer : new Client.Answer[] {invalid, overlong, surrogate, projection}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("bad_request");
        }
        assertThat(running.server.context().log().headSeq()).isZero();
    }

    @Test
    void query_parameters_are_decoded_once_and_a_malformed_one_is_refused_with_400_naming_it() throws Exception {
        assertThat(client.post("/v1/streams/q-1/events", "{\"entityType\":\"s\",\"name\":\"a b+c\",\"data\":{}}")
            .status()).isEqualTo(201);

        assertThat(client.get("/v1/events?fromSeq=1&name=a+b%2Bc").json()).hasSize(1);
        assertThat(client.get("/v1/events?fromSeq=1&name=a%20b%2bc").json()).hasSize(1);
        assertThat(client.get("/v1/events?from%53eq=1&name=a+b%2Bc").json()).as("a name escaped").hasSize(1);
        assertThat(client.get("/v1/events?fromSeq=1&name=a+b+c").json()).isEmpty();
        Client.Answer notUtf8 = client.get("/v1/events?name=a%FF");
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.json().get("error").asText())
            .isEqualTo("query parameter name value 'a%FF' is not UTF-8 once decoded: invalid byte FF");
        Client.Answer notUtf8Name = client.get("/v1/events?n%E9=1");
        assertThat(notUtf8Name.json().get("error").asText())
            .isEqualTo("query parameter name 'n%E9' is not UTF-8 once decoded: truncated sequence E9");
        assertThat(client.get("/v1/%65vents?fromSeq=1&na%6De=a+b%2Bc").json()).as("an unreserved letter escaped in the "
            + "route's own segment (RFC 3986 6.2.2.2)").hasSize(1);
        assertThat(client.get("/v1/streams/q-%31/%65vents").json()).hasSize(1);
        assertThat(client.get("/v1/%2565vents").status()).as("an escaped % stays one").isEqualTo(404);
        Client.Answer unknown = client.get("/v1/events?na%6De=x&dir%C3%A9ction=1");
        assertThat(unknown.json().get("error").asText()).as("named as decoded")
            .startsWith("unknown query parameter 'dir\u00e9ction': GET /v1/events takes");
    }

    @Test
    void a_projection_name_is_decoded_as_a_stream_id_is() {
        client.post("/v1/projections",
            "{\"sql\":\"CREATE PROJECTION by_name AS SELECT name, COUNT(*) AS n FROM events GROUP BY name\"}");

        Client.Answer status = client.get("/v1/projections/by%5Fname/status");

        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.json().get("name").asText()).isEqualTo("by_name");
        assertThat(client.delete("/v1/projections/by%5fname").status()).isEqualTo(204);
    }
}
