package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON routes take {@code application/json} with no charset or {@code charset=utf-8} (any case, spaces around the
 * parts) and refuse any other declared type with {@code 415}; {@code /jdbc} takes what Avatica clients send.
 */
class JsonContentTypeTest {

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
    void json_with_no_charset_or_utf8_is_taken_in_any_case_and_spacing() {
        List<String> types = List.of("application/json", "Application/JSON", "application/json;charset=utf-8",
            "application/json ; Charset = UTF-8 ", "application/json; charset=\"utf-8\"", "application/json;");
        for (String type : types) {
            Client.Answer append = client.post("/v1/streams/s-1/events", EVENT, "Content-Type", type);
            Client.Answer sql = client.post("/v1/sql", "{\"sql\":\"SELECT 1 AS a\"}", "Content-Type", type);

            assertThat(append.status()).as(type).isEqualTo(201);
            assertThat(sql.status()).as(type).isEqualTo(200);
        }
    }

    @Test
    void any_other_declared_type_is_refused_with_415_in_the_error_shape_on_every_json_route() {
        List<String> types = List.of("application/vnd.foo+json", "application/json; charset=latin1", "text/json",
            "application/json; charset=utf-16", "application/jsonx", "application/json; v=1", "text/plain");
        for (String type : types) {
            List<Client.Answer> answers = List.of(
                client.postBytes("/v1/streams/s-1/events", bytes(EVENT), type),
                client.postBytes("/v1/sql", bytes("{\"sql\":\"SELECT 1 AS a\"}"), type),
                client.postBytes("/v1/projections",
                    bytes("{\"sql\":\"CREATE PROJECTION p AS SELECT name, COUNT(*) AS n FROM events GROUP BY name\"}"),
                    type));
            for (Client.Answer answer : answers) {
                assertThat(answer.status()).as("'" + type + "'").isEqualTo(415);
                assertThat(answer.code()).isEqualTo("unsupported_media_type");
                assertThat(answer.json().get("error").asText()).endsWith("was " + type);
            }
        }
        assertThat(running.server.context().log().headSeq()).isZero();
        assertThat(running.server.context().projections().names()).isEmpty();
    }

    /** A body declared gzip'ed was read as it came: a plain one so declared was written, a gzip'ed one a 400. */
    @Test
    void a_content_coding_other_than_identity_is_refused_with_415_and_nothing_is_written() {
        for (String coding : List.of("gzip", "br", "identity, gzip", "deflate")) {
            Client.Answer answer = client.post("/v1/streams/s-1/events", EVENT, "Content-Encoding", coding);

            assertThat(answer.status()).as(coding).isEqualTo(415);
            assertThat(answer.code()).isEqualTo("unsupported_media_type");
            assertThat(answer.json().get("error").asText()).contains("Content-Encoding");
        }
        assertThat(running.server.context().log().headSeq()).isZero();
        assertThat(client.post("/v1/streams/s-1/events", EVENT, "Content-Encoding", "identity").status())
            .isEqualTo(201);
    }

    /** The first of two types decided: text/plain then application/json was 415, the other order appended. */
    @Test
    void two_content_types_are_refused_in_either_order_and_nothing_is_written() {
        for (String[] order : new String[][] {{"text/plain", "application/json"}, {"application/json", "text/plain"},
            {"application/json", "application/json"}}) {
            Client.Answer answer = client.post("/v1/streams/s-1/events", EVENT, "Content-Type", order[0],
                "Content-Type", order[1]);

            assertThat(answer.status()).as(String.join(", ", order)).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isEqualTo("Content-Type is given 2 times; send it once");
        }
        assertThat(running.server.context().log().headSeq()).isZero();
    }

    @Test
    void the_jdbc_endpoint_does_not_check_the_content_type() {
        Client.Answer answer = client.postBytes("/jdbc", bytes("{}"), "text/plain");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).startsWith("the body is not an Avatica protobuf request");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
