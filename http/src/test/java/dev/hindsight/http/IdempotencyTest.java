package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyTest {

    static final String EVENT = "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{\"total\":1}}";

    @TempDir
    Path dir;

    @Test
    void a_retry_with_the_same_key_gets_the_first_answer_and_writes_nothing_more() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer first = running.client.post("/v1/streams/order-1/events", EVENT, "Idempotency-Key", "k-1");
            Client.Answer retry = running.client.post("/v1/streams/order-1/events", EVENT, "Idempotency-Key", "k-1");
            Client.Answer other = running.client.post("/v1/streams/order-1/events", EVENT, "Idempotency-Key", "k-2");

            assertThat(first.status()).isEqualTo(201);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(other.json().get(0).get("seq").asLong()).isEqualTo(2);
            assertThat(running.server.context().log().headSeq()).isEqualTo(2);
        }
    }

    @Test
    void a_retry_after_a_restart_on_the_same_data_directory_gets_the_first_answer() throws Exception {
        Client.Answer first;
        try (RunningServer running = RunningServer.start(dir)) {
            first = running.client.post("/v1/streams/order-1/events", "[" + EVENT + "," + EVENT + "]",
                "Idempotency-Key", "restart-key");
        }

        try (RunningServer restarted = RunningServer.start(dir)) {
            Client.Answer retry = restarted.client.post("/v1/streams/order-1/events", "[" + EVENT + "," + EVENT + "]",
                "Idempotency-Key", "restart-key");

            assertThat(first.status()).isEqualTo(201);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(restarted.server.context().log().headSeq()).isEqualTo(2);
        }
    }

    @Test
    void a_key_written_into_metadata_by_sql_does_not_answer_an_http_append_after_a_restart() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer insert = running.client.post("/v1/sql", "{\"sql\":\"INSERT INTO events "
                + "(stream_id, entity_type, name, data, metadata) VALUES ('order-1', 'order', 'order.noted', '{}', "
                + "'{\\\"idempotencyKey\\\":\\\"k-sql\\\"}')\"}");
            assertThat(insert.status()).isEqualTo(200);
        }

        try (RunningServer restarted = RunningServer.start(dir)) {
            String path = "/v1/streams/order-1/events";
            Client.Answer append = restarted.client.post(path, EVENT, "Idempotency-Key", "k-sql");
            Client.Answer retry = restarted.client.post(path, EVENT, "Idempotency-Key", "k-sql");

            assertThat(append.status()).isEqualTo(201);
            assertThat(append.json()).hasSize(1);
            assertThat(append.json().get(0).get("seq").asLong()).as("appended, not the SQL event's seq").isEqualTo(2);
            assertThat(retry.body()).isEqualTo(append.body());
            assertThat(restarted.server.context().log().headSeq()).isEqualTo(2);
        }
    }

    @Test
    void the_key_is_kept_in_the_events_metadata_under_its_reserved_member() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            running.client.post("/v1/streams/order-1/events",
                "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{},\"metadata\":{\"traceId\":\"t\"}}",
                "Idempotency-Key", "k-meta");
            Client.Answer reserved = running.client.post("/v1/streams/order-2/events",
                "{\"entityType\":\"order\",\"name\":\"a\",\"data\":{},\"metadata\":{\"idempotencyKey\":\"x\"}}");

            String metadata = running.server.context().log().readAll(1, 1, null).get(0).metadata();
            assertThat(metadata).contains("\"traceId\":\"t\"").contains("\"idempotencyKey\":\"k-meta\"");
            assertThat(reserved.status()).isEqualTo(400);
            assertThat(reserved.json().get("error").asText()).contains("idempotencyKey");
        }
    }

    @Test
    void the_same_key_on_another_stream_is_refused_with_422() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            running.client.post("/v1/streams/order-1/events", EVENT, "Idempotency-Key", "k-1");

            Client.Answer elsewhere = running.client.post("/v1/streams/order-2/events", EVENT,
                "Idempotency-Key", "k-1");

            assertThat(elsewhere.status()).isEqualTo(422);
            assertThat(elsewhere.code()).isEqualTo("idempotency_key_reused");
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }
}
