package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.http.json.EventJsonFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadRoutesTest {

    @TempDir
    Path dir;

    RunningServer running;
    Client client;

    @BeforeEach
    void given_two_streams() throws Exception {
        running = RunningServer.start(dir);
        client = running.client;
        for (int i = 1; i <= 3; i++) {
            client.post("/v1/streams/order-1/events",
                "{\"entityType\":\"order\",\"name\":\"order.step" + i + "\",\"data\":{\"i\":" + i + "}}");
        }
        client.post("/v1/streams/customer-1/events",
            "{\"entityType\":\"customer\",\"name\":\"customer.registered\",\"data\":{}}");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void a_stream_answers_its_state_and_an_unknown_one_404() {
        Client.Answer known = client.get("/v1/streams/order-1");
        Client.Answer unknown = client.get("/v1/streams/order-404");

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json().get("streamId").asText()).isEqualTo("order-1");
        assertThat(known.json().get("entityType").asText()).isEqualTo("order");
        assertThat(known.json().get("version").asLong()).isEqualTo(3);
        assertThat(known.json().get("firstSeq").asLong()).isEqualTo(1);
        assertThat(known.json().get("lastSeq").asLong()).isEqualTo(3);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not_found");
        assertThat(unknown.json().get("error").asText()).isEqualTo("stream 'order-404' has no events"); // as a 409
        // an id no stream can have is not repeated back whole
        Client.Answer tooLong = client.get("/v1/streams/" + "a".repeat(20_000));
        assertThat(tooLong.status()).isEqualTo(404);
        assertThat(tooLong.json().get("error").asText())
            .isEqualTo("no stream has an id of 20000 characters (at most 256)");
    }

    @Test
    void a_streams_events_come_forward_or_backward_from_a_version_up_to_a_limit() {
        Client.Answer forward = client.get("/v1/streams/order-1/events?fromVersion=2");
        Client.Answer backward = client.get("/v1/streams/order-1/events?direction=backward&limit=2");

        assertThat(versions(forward.json())).containsExactly(2L, 3L);
        assertThat(versions(backward.json())).containsExactly(3L, 2L);
    }

    @Test
    void events_have_the_one_json_shape_of_the_line_format() {
        JsonNode event = client.get("/v1/streams/order-1/events?limit=1").json().get(0);

        List<String> keys = new ArrayList<>();
        event.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(EventJsonFormat.FIELD_NAMES);
        assertThat(event.get("data").get("i").asInt()).isEqualTo(1);
        assertThat(event.get("source").asText()).isEqualTo("http");
    }

    @Test
    void the_global_log_reads_from_a_seq_and_filters_by_name() {
        Client.Answer fromTwo = client.get("/v1/events?fromSeq=2&limit=2");
        Client.Answer named = client.get("/v1/events?name=customer.registered");
        Client.Answer fromZero = client.get("/v1/events?fromSeq=0&limit=1");

        assertThat(fromZero.json().get(0).get("seq").asLong()).as("0 is the start, as for the subscribe route")
            .isEqualTo(1);
        assertThat(fromTwo.json()).hasSize(2);
        assertThat(fromTwo.json().get(0).get("seq").asLong()).isEqualTo(2);
        assertThat(named.json()).hasSize(1);
        assertThat(named.json().get(0).get("streamId").asText()).isEqualTo("customer-1");
    }

    @Test
    void a_bad_query_parameter_is_400_naming_it_and_its_value() {
        Client.Answer direction = client.get("/v1/streams/order-1/events?direction=sideways");
        Client.Answer limit = client.get("/v1/events?limit=-3");

        assertThat(direction.status()).isEqualTo(400);
        assertThat(direction.json().get("error").asText()).contains("direction").contains("sideways");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().get("error").asText()).contains("limit").contains("-3");
        // a whole number too large for a long is out of the range, which the answer says (it said "not whole")
        assertThat(client.get("/v1/events?limit=99999999999999999999").json().get("error").asText())
            .isEqualTo("query parameter limit must be a whole number between 1 and 10000, was '99999999999999999999'");
        // digits of another script, and a plus sign, are no whole number here (Long.parseLong took them)
        for (String text : List.of("%D9%A5", "%2B5")) {
            Client.Answer odd = client.get("/v1/events?fromSeq=" + text);
            assertThat(odd.status()).as(text).isEqualTo(400);
            assertThat(odd.json().get("error").asText()).as(text).contains("fromSeq must be a whole number");
        }
        assertThat(client.get("/v1/streams/order-1/events?fromVersion=%D9%A5").status()).isEqualTo(400);
    }

    @Test
    void health_answers_ok_with_the_head_of_the_log() {
        Client.Answer health = client.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        assertThat(health.json().get("headSeq").asLong()).isEqualTo(4);
    }

    private static List<Long> versions(JsonNode events) {
        List<Long> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("version").asLong()));
        return out;
    }
}
