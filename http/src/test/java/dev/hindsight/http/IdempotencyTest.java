package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.auth.Role;
import dev.hindsight.log.RecordedEvent;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void each_api_key_has_idempotency_keys_of_its_own_also_after_a_restart() throws Exception {
        // two services that both send their own order id as the key: the second got a 422 naming the first's stream
        ApiKeys keys = ApiKeys.of(List.of("service-a", "service-b"), List.of(Role.WRITE, Role.WRITE));
        String other = EVENT.replace("\"total\":1", "\"total\":2");
        Client.Answer a;
        Client.Answer b;
        try (RunningServer running = RunningServer.start(dir, s -> s.apiKeys(keys))) {
            a = running.client.post("/v1/streams/order-1/events", EVENT, "Idempotency-Key", "order-123",
                "Authorization", "Bearer service-a");
            b = running.client.post("/v1/streams/invoice-9/events", other, "Idempotency-Key", "order-123",
                "Authorization", "Bearer service-b");
            assertThat(a.status()).isEqualTo(201);
            assertThat(b.status()).as(b.body()).isEqualTo(201);
            assertThat(running.server.context().log().headSeq()).isEqualTo(2);
            Client.Answer reused = running.client.post("/v1/streams/invoice-9/events", other, "Idempotency-Key",
                "order-123", "Authorization", "Bearer service-a");
            assertThat(reused.status()).as("within one API key a key stays one request's").isEqualTo(422);
        }
        try (RunningServer restarted = RunningServer.start(dir, s -> s.apiKeys(keys))) {
            Client.Answer retryA = restarted.client.post("/v1/streams/order-1/events", EVENT, "Idempotency-Key",
                "order-123", "Authorization", "Bearer service-a");
            Client.Answer retryB = restarted.client.post("/v1/streams/invoice-9/events", other, "Idempotency-Key",
                "order-123", "Authorization", "Bearer service-b");
            assertThat(retryA.body()).isEqualTo(a.body());
            assertThat(retryB.body()).isEqualTo(b.body());
            assertThat(restarted.server.context().log().headSeq()).isEqualTo(2);
        }
    }

    @Test
    void a_key_given_twice_is_refused_and_writes_nothing() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer twice = running.client.post("/v1/streams/order-1/events", EVENT,
                "Idempotency-Key", "a", "Idempotency-Key", "b");

            assertThat(twice.status()).isEqualTo(400);
            assertThat(twice.json().get("error").asText()).contains("Idempotency-Key is given 2 times");
            assertThat(running.server.context().log().headSeq()).isZero();
        }
    }

    @Test
    void a_key_that_is_no_visible_ascii_is_refused_naming_its_byte_and_writes_nothing() throws Exception {
        // echoed, the UTF-8 of 'ü' read back as 'Ã¼': a header's bytes arrive one per char
        try (RunningServer running = RunningServer.start(dir);
             Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port())) {
            byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
            String head = "POST /v1/streams/order-1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nIdempotency-Key: k-\u00fc\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            RawHttp.Answer answer = RawHttp.Answer.read(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("visible ASCII characters; its byte 3 is 0xC3").doesNotContain("\u00c3");
            assertThat(running.server.context().log().headSeq()).isZero();
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
    void the_key_is_kept_beside_the_events_and_their_metadata_is_as_the_client_sent_it() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            running.client.post("/v1/streams/order-1/events",
                "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{},\"metadata\":{\"traceId\":\"t\"}}",
                "Idempotency-Key", "k-meta");
            running.client.post("/v1/streams/order-1/events", EVENT, "Idempotency-Key", "k-none");
            // a member of that name is the client's own, as any other (an exported keyed append imports again)
            Client.Answer own = running.client.post("/v1/streams/order-2/events",
                "{\"entityType\":\"order\",\"name\":\"a\",\"data\":{},\"metadata\":{\"idempotencyKey\":\"x\"}}");

            List<RecordedEvent> events = running.server.context().log().readAll(1, 3, null);
            assertThat(events.get(0).metadata()).isEqualTo("{\"traceId\":\"t\"}");
            assertThat(events.get(1).metadata()).isNull();
            assertThat(own.status()).isEqualTo(201);
            assertThat(events.get(2).metadata()).isEqualTo("{\"idempotencyKey\":\"x\"}");
            List<String> keys = new ArrayList<>();
            running.server.context().log().visit(1, 3, e -> keys.add(e.idempotencyKey()));
            assertThat(keys).containsExactly("k-meta", "k-none", null);
            // and the retry of the keyless-metadata one is still the same request ({} and absent are one)
            Client.Answer retry = running.client.post("/v1/streams/order-1/events",
                "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{\"total\":1},\"metadata\":{}}",
                "Idempotency-Key", "k-none");
            assertThat(retry.status()).isEqualTo(201);
            assertThat(running.server.context().log().headSeq()).isEqualTo(3);
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

    @Test
    void the_same_key_with_a_different_body_is_refused_with_422_and_writes_nothing() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer first = running.client.post("/v1/streams/order-1/events", EVENT, "Idempotency-Key", "k-1");

            Client.Answer other = running.client.post("/v1/streams/order-1/events",
                EVENT.replace("\"total\":1", "\"total\":2"), "Idempotency-Key", "k-1");

            assertThat(first.status()).isEqualTo(201);
            assertThat(other.status()).isEqualTo(422);
            assertThat(other.code()).isEqualTo("idempotency_key_reused");
            assertThat(other.json().get("error").asText())
                .isEqualTo("Idempotency-Key k-1 was first used for a different request, an append whose data was not "
                    + "the same: send that request again to get its result, or use a new key for a new append");
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }

    @Test
    void a_retry_that_differs_only_in_key_order_white_space_and_the_spelling_of_numbers_is_the_same_request()
            throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer first = running.client.post("/v1/streams/order-1/events", "{\"entityType\":\"order\","
                + "\"name\":\"order.placed\",\"data\":{\"total\":1.50,\"n\":1,\"items\":[1,{\"a\":1,\"b\":2}]},"
                + "\"metadata\":{\"traceId\":\"t\"}}", "Idempotency-Key", "k-1");

            Client.Answer retry = running.client.post("/v1/streams/order-1/events",
                "{ \"metadata\" : {\"traceId\":\"t\"},\n"
                + " \"data\": {\"items\": [1.0, {\"b\":2, \"a\":1}], \"n\": 1E0, \"total\": 1.5},"
                + " \"name\": \"order.placed\", \"entityType\": \"order\", \"schemaVersion\": 1 }",
                "Idempotency-Key", "k-1");

            assertThat(first.status()).isEqualTo(201);
            assertThat(retry.status()).as(retry.body()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }

    @Test
    void each_event_field_the_log_keeps_tells_a_different_request_and_is_named() throws Exception {
        String second = "{\"entityType\":\"order\",\"name\":\"order.paid\",\"data\":{}}";
        String[][] variants = {
            {"[" + EVENT + "]", "an append of 2 events, not 1"},
            {"[" + EVENT + "," + second + "," + second + "]", "an append of 2 events, not 3"},
            {"[" + EVENT + "," + second.replace("order.paid", "order.shipped") + "]", "[1].name"},
            {"[" + EVENT.replace("\"order\"", "\"invoice\"") + "," + second + "]", "[0].entityType"},
            {"[" + EVENT + "," + second.replace("{}}", "{},\"schemaVersion\":2}") + "]", "[1].schemaVersion"},
            {"[" + EVENT + "," + second.replace("{}}", "{\"at\":1}}") + "]", "[1].data"},
            {"[" + EVENT + "," + second.replace("{}}", "{},\"metadata\":{\"traceId\":\"t\"}}") + "]",
                "[1].metadata"},
        };
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer first = running.client.post("/v1/streams/order-1/events", "[" + EVENT + "," + second + "]",
                "Idempotency-Key", "k-2");
            assertThat(first.status()).isEqualTo(201);

            for (String[] variant : variants) {
                Client.Answer retry = running.client.post("/v1/streams/order-1/events", variant[0],
                    "Idempotency-Key", "k-2");

                assertThat(retry.status()).as(variant[0]).isEqualTo(422);
                assertThat(retry.json().get("error").asText()).as(variant[0]).contains(variant[1]);
            }
            assertThat(running.server.context().log().headSeq()).isEqualTo(2);
        }
    }

    @Test
    void after_a_restart_a_different_body_is_refused_and_the_same_body_gets_the_first_result() throws Exception {
        String path = "/v1/streams/order-1/events";
        Client.Answer first;
        try (RunningServer running = RunningServer.start(dir)) {
            first = running.client.post(path, EVENT, "Idempotency-Key", "restart-key");
        }

        try (RunningServer restarted = RunningServer.start(dir)) {
            Client.Answer other = restarted.client.post(path, EVENT.replace("order.placed", "order.cancelled"),
                "Idempotency-Key", "restart-key");
            Client.Answer same = restarted.client.post(path, EVENT, "Idempotency-Key", "restart-key");

            assertThat(first.status()).isEqualTo(201);
            assertThat(other.status()).isEqualTo(422);
            assertThat(other.code()).isEqualTo("idempotency_key_reused");
            assertThat(other.json().get("error").asText()).contains("an append whose name was not the same");
            assertThat(same.status()).isEqualTo(201);
            assertThat(same.body()).isEqualTo(first.body());
            assertThat(restarted.server.context().log().headSeq()).isEqualTo(1);
        }
    }

    @Test
    void a_refused_first_attempt_binds_nothing_so_its_key_may_carry_another_request() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            String path = "/v1/streams/order-1/events";
            Client.Answer conflict = running.client.post(path, EVENT.replace("}}", "},\"expectedVersion\":5}"),
                "Idempotency-Key", "k-3");
            Client.Answer other = running.client.post(path, EVENT.replace("\"total\":1", "\"total\":9"),
                "Idempotency-Key", "k-3");
            Client.Answer retry = running.client.post(path, EVENT.replace("\"total\":1", "\"total\":9"),
                "Idempotency-Key", "k-3");

            assertThat(conflict.status()).isEqualTo(409);
            assertThat(other.status()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(other.body());
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }

    @Test
    void the_expected_version_is_not_compared_the_log_keeps_no_guard() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            String path = "/v1/streams/order-1/events";
            Client.Answer first = running.client.post(path, EVENT.replace("}}", "},\"expectedVersion\":0}"),
                "Idempotency-Key", "k-4");
            Client.Answer retry = running.client.post(path, EVENT, "Idempotency-Key", "k-4");

            assertThat(first.status()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }
}
