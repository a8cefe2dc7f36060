package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyRaceTest {

    @TempDir
    Path dir;

    @Test
    void concurrent_requests_with_one_key_append_once_and_all_get_the_same_answer() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + running.server.port() + "/v1/streams/order-1/events"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "race-1")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}"))
                .build();

            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            Set<String> bodies = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                assertThat(f.get().statusCode()).isEqualTo(201);
                bodies.add(f.get().body());
            }

            assertThat(bodies).hasSize(1);
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }

    @Test
    void concurrent_requests_with_one_key_and_different_bodies_append_one_and_refuse_the_others() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + running.server.port() + "/v1/streams/order-1/events"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "race-2")
                    .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{\"i\":" + i + "}}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                statuses.add(f.get().statusCode());
            }

            assertThat(statuses).containsOnly(201, 422).containsOnlyOnce(201);
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }
}
