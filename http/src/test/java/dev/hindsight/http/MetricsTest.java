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
                .contains("hindsight_http_requests_total{route=\"GET /v1/streams/{streamId}\",status=\"404\"} 2.0");
        }
    }
}
