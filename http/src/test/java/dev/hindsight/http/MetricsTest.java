package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    @TempDir
    Path dir;

    @Test
    void metrics_count_answered_requests_by_route_template_and_status_in_prometheus_text() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            running.client.get("/v1/streams/order-1");
            running.client.get("/v1/streams/order-2");

            Client.Answer metrics = running.client.get("/metrics");

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.body())
                .contains("hindsight_http_requests_total{route=\"GET /v1/streams/{streamId}\",status=\"404\"} 2.0")
                // a route's aborted requests are a series from the start (docs: an alert finds it before any abort)
                .contains("hindsight_http_requests_aborted_total{route=\"POST /v1/sql\"} 0.0")
                .contains("hindsight_http_requests_aborted_total{route=\"POST /v1/streams/{streamId}/events\"} 0.0");
        }
    }

    @Test
    void a_repeated_sql_shape_counts_as_plan_cache_hits_and_appends_are_timed() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            running.client.post("/v1/streams/order-1/events",
                "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}");
            running.client.post("/v1/streams/order-1/events",
                "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{},\"expectedVersion\":0}");
            for (int i = 0; i < 5; i++) {
                Client.Answer answer = running.client.post("/v1/sql",
                    "{\"sql\":\"SELECT COUNT(*) FROM events WHERE stream_id = 'order-" + i + "'\"}");
                assertThat(answer.status()).isEqualTo(200);
            }

            String text = running.client.get("/metrics").body();

            // one connection (requests in sequence): the first of the five is planned, the other four hit
            assertThat(text).contains("hindsight_plan_cache_hits_total 4.0")
                .contains("hindsight_appends_seconds_count{outcome=\"ok\"} 1")
                .contains("hindsight_appends_seconds_count{outcome=\"conflict\"} 1")
                .contains("hindsight_append_conflicts_total 1.0")
                .contains("hindsight_jdbc_sessions 0.0")
                .contains("hindsight_jdbc_logins_refused_total 0.0")
                .contains("hindsight_sse_subscriptions 0.0");
        }
    }
}
