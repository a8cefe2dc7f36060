package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorShapeTest {

    @TempDir
    Path dir;

    @Test
    void an_unknown_path_is_404_and_a_wrong_method_405_each_with_the_error_shape() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer unknown = running.client.get("/v1/nothing-here");
            Client.Answer wrongMethod = running.client.send("PUT", "/v1/sql", "{}");

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("not_found");
            assertThat(unknown.json().get("error").asText()).contains("/v1/nothing-here");
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.code()).isEqualTo("method_not_allowed");
            // RFC 9110: a 405 names the methods the resource takes
            assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
            assertThat(running.client.send("PUT", "/v1/streams/a/events", "{}").header("Allow"))
                .isEqualTo("GET, HEAD, POST");
            assertThat(running.client.send("PATCH", "/v1/projections/p", "{}").header("Allow"))
                .isEqualTo("DELETE, GET, HEAD");
            // a path of 100,000 characters was echoed whole (a 600 KB path, a 600 KB answer, no key needed)
            String longPath = "/v1/" + "x".repeat(100_000);
            Client.Answer longUnknown = running.client.get(longPath);
            assertThat(longUnknown.status()).isEqualTo(404);
            assertThat(longUnknown.json().get("error").asText()).hasSizeLessThan(400)
                .contains("/v1/xxx", "(100004 characters)");
        }
    }

    @Test
    void a_method_is_matched_case_sensitively_so_a_lower_case_post_runs_nothing() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            // Undertow's HttpString equals ignoring case: `post` ran the append and the SQL
            Client.Answer append = running.client.send("post", "/v1/streams/o-1/events",
                "{\"entityType\":\"o\",\"name\":\"x\",\"data\":{}}");
            Client.Answer sql = running.client.send("post", "/v1/sql", "{\"sql\":\"SELECT 1\"}");
            Client.Answer nowhere = running.client.send("get", "/v1/nothing-here", null);

            assertThat(append.status()).isEqualTo(405);
            assertThat(append.code()).isEqualTo("method_not_allowed");
            assertThat(append.header("Allow")).isEqualTo("GET, HEAD, POST");
            assertThat(sql.status()).isEqualTo(405);
            assertThat(sql.json().get("error").asText()).isEqualTo("post is not allowed on /v1/sql");
            assertThat(nowhere.status()).isEqualTo(404);
            assertThat(running.server.context().log().headSeq()).isZero();
            assertThat(running.client.post("/v1/sql", "{\"sql\":\"SELECT 1\"}").status()).isEqualTo(200);
        }
    }

    @Test
    void a_path_with_a_trailing_slash_is_no_route_and_unmatched_requests_are_counted() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer append = running.client.post("/v1/streams/o-1/events/",
                "{\"entityType\":\"o\",\"name\":\"x\",\"data\":{}}");
            // Undertow's templates matched these (200, 201), its plain paths not (/v1/events/ was 404)
            for (String path : List.of("/v1/streams/o-1/", "/v1/streams/o-1/events/", "/v1/projections/p/",
                "/v1/events/", "/health/")) {
                assertThat(running.client.get(path).status()).as(path).isEqualTo(404);
            }
            running.client.send("PUT", "/v1/sql", "{}");
            String notFound = "hindsight_http_requests_total{route=\"none\",status=\"404\"} 6.0";
            String notAllowed = "hindsight_http_requests_total{route=\"none\",status=\"405\"} 1.0";
            String metrics = running.awaitMetrics(Duration.ofSeconds(10), notFound, notAllowed);

            assertThat(append.status()).isEqualTo(404);
            assertThat(running.server.context().log().headSeq()).isZero();
            assertThat(metrics).contains(notFound).contains(notAllowed);
        }
    }

    @Test
    void a_body_over_the_limit_is_413_and_writes_nothing() throws Exception {
        try (RunningServer running = RunningServer.start(dir, b -> b.maxBodyBytes(1024))) {
            String big = "{\"entityType\":\"order\",\"name\":\"a\",\"data\":{\"pad\":\"" + "x".repeat(2000) + "\"}}";

            Client.Answer answer = running.client.post("/v1/streams/order-1/events", big);

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.code()).isEqualTo("payload_too_large");
            assertThat(answer.json().get("error").asText()).contains("1024");
            assertThat(running.server.context().log().headSeq()).isZero();
        }
    }
}
