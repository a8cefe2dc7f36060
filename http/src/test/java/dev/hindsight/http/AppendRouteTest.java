package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendRouteTest {

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
    void one_event_is_appended_and_answered_with_201_and_its_seq_version_and_id() {
        Client.Answer answer = client.post("/v1/streams/order-1/events",
            "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{\"total\":10}}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode first = answer.json().get(0);
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("version").asLong()).isEqualTo(1);
        assertThat(first.get("eventId").asText()).hasSize(36);
        assertThat(running.server.context().log().readAll(1, 10, null).get(0).source().wireName()).isEqualTo("http");
    }

    @Test
    void an_array_is_appended_as_one_atomic_append_in_order() {
        Client.Answer answer = client.post("/v1/streams/order-1/events",
            "[{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{},\"expectedVersion\":0},"
                + "{\"entityType\":\"order\",\"name\":\"order.shipped\",\"data\":{},\"metadata\":{\"traceId\":\"t\"},"
                + "\"expectedVersion\":1}]");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json()).hasSize(2);
        assertThat(answer.json().get(1).get("version").asLong()).isEqualTo(2);
        assertThat(answer.json().get(1).get("seq").asLong()).isEqualTo(2);
    }

    @Test
    void a_failed_guard_in_an_array_writes_none_of_it_and_answers_409_with_both_versions() {
        client.post("/v1/streams/order-1/events", "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}");

        Client.Answer answer = client.post("/v1/streams/order-1/events",
            "[{\"entityType\":\"order\",\"name\":\"order.paid\",\"data\":{}},"
                + "{\"entityType\":\"order\",\"name\":\"order.shipped\",\"data\":{},\"expectedVersion\":5}]");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("version_conflict");
        assertThat(answer.json().get("expectedVersion").asLong()).isEqualTo(5);
        assertThat(answer.json().get("actualVersion").asLong()).isEqualTo(2);
        assertThat(answer.json().get("index").asInt()).as("the array's element whose guard failed").isEqualTo(1);
        assertThat(answer.json().get("error").asText()).contains("version conflict").contains("at event #1");
        assertThat(running.server.context().log().headSeq()).isEqualTo(1);
    }

    @Test
    void a_missing_or_mistyped_field_is_refused_with_400_naming_it() {
        Client.Answer noData = client.post("/v1/streams/order-1/events",
            "{\"entityType\":\"order\",\"name\":\"order.placed\"}");
        Client.Answer badSecond = client.post("/v1/streams/order-1/events",
            "[{\"entityType\":\"order\",\"name\":\"a\",\"data\":{}},{\"entityType\":\"order\",\"name\":\"b\","
                + "\"data\":\"text\"}]");
        Client.Answer typo = client.post("/v1/streams/order-1/events",
            "{\"entityType\":\"order\",\"name\":\"a\",\"data\":{},\"expected_version\":0}");

        assertThat(noData.status()).isEqualTo(400);
        assertThat(noData.json().get("error").asText()).contains("data");
        assertThat(badSecond.status()).isEqualTo(400);
        assertThat(badSecond.json().get("error").asText()).contains("[1].data");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("error").asText()).contains("expected_version");
        assertThat(running.server.context().log().headSeq()).isZero();
    }

    /** JSON Schema's integer: {@code 1.0} and {@code 1e0} are whole numbers; they were refused as "was 1". */
    @Test
    void a_version_written_as_a_whole_decimal_or_with_an_exponent_is_that_whole_number() {
        Client.Answer first = client.post("/v1/streams/order-1/events",
            "{\"entityType\":\"order\",\"name\":\"a\",\"data\":{},\"expectedVersion\":0e0,\"schemaVersion\":2.0}");
        Client.Answer second = client.post("/v1/streams/order-1/events",
            "{\"entityType\":\"order\",\"name\":\"b\",\"data\":{},\"expectedVersion\":1.00}");
        Client.Answer fraction = client.post("/v1/streams/order-1/events",
            "{\"entityType\":\"order\",\"name\":\"c\",\"data\":{},\"schemaVersion\":1.5}");
        Client.Answer huge = client.post("/v1/streams/order-1/events",
            "{\"entityType\":\"order\",\"name\":\"c\",\"data\":{},\"expectedVersion\":1e30}");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(running.server.context().log().readAll(1, 2, null)).extracting(e -> e.schemaVersion())
            .containsExactly(2, 1);
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().get("error").asText())
            .isEqualTo("field schemaVersion must be a whole number from 1 to 2147483647, was 1.5");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(running.server.context().log().headSeq()).isEqualTo(2);
    }

    @Test
    void text_that_is_not_json_is_400_and_a_body_of_another_type_is_415() {
        Client.Answer broken = client.post("/v1/streams/order-1/events", "{\"entityType\":");
        Client.Answer form = client.post("/v1/streams/order-1/events", "a=b",
            "Content-Type", "application/x-www-form-urlencoded");

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.code()).isEqualTo("bad_request");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.code()).isEqualTo("unsupported_media_type");
    }

    @Test
    void an_event_the_log_refuses_is_400_with_the_field_the_log_names() {
        Client.Answer answer = client.post("/v1/streams/order-1/events",
            "{\"entityType\":\"order\",\"name\":\"\",\"data\":{}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid_event");
        assertThat(answer.json().get("field").asText()).isEqualTo("name");
    }

    @Test
    void an_event_of_an_array_the_log_refuses_is_named_by_its_position_as_a_bad_request_names_it() {
        String good = "{\"entityType\":\"order\",\"name\":\"a\",\"data\":{}}";
        Client.Answer badName = client.post("/v1/streams/order-1/events",
            "[" + good + ",{\"entityType\":\"order\",\"name\":\"a\\u0001\",\"data\":{}}]");
        Client.Answer badType = client.post("/v1/streams/order-1/events",
            "[" + good + "," + good + ",{\"entityType\":\"\",\"name\":\"a\",\"data\":{}}]");

        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().get("field").asText()).isEqualTo("[1].name");
        assertThat(badName.json().get("error").asText()).contains("U+0001", "event #1");
        assertThat(badType.json().get("field").asText()).isEqualTo("[2].entityType");
    }
}
