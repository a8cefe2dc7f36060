package dev.hindsight.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.projection.Projections;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerMetricsTest {

    private static final String INSERT = "INSERT INTO events (stream_id, entity_type, name, data) VALUES ";

    @TempDir
    Path dir;

    @Test
    void the_scrape_shows_the_head_the_projections_the_requests_and_the_append_histogram() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:hindsight:file:" + dir)) {
            EventLog log = connection.unwrap(EventLog.class);
            Projections projections = connection.unwrap(Projections.class);
            try (Statement st = connection.createStatement()) {
                st.executeUpdate(INSERT + "('o-1', 'order', 'order.placed', '{\"customer\":\"c-1\"}'), "
                    + "('o-2', 'order', 'order.placed', '{\"customer\":\"c-2\"}')");
                st.execute("CREATE PROJECTION per_customer AS SELECT JSON_VALUE(data, '$.customer') AS customer, "
                    + "COUNT(*) AS orders FROM events GROUP BY JSON_VALUE(data, '$.customer')");
            }
            assertThat(projections.await("per_customer", 2, TimeUnit.SECONDS.toMillis(30))).isTrue();
            ServerMetrics metrics = new ServerMetrics(log, projections);
            metrics.request("/v1/streams/{streamId}", 200);
            metrics.request("/v1/streams/{streamId}", 200);
            metrics.request("/v1/streams/{streamId}", 404);
            metrics.append(TimeUnit.MILLISECONDS.toNanos(2), ServerMetrics.AppendOutcome.APPENDED);
            metrics.append(TimeUnit.MILLISECONDS.toNanos(1), ServerMetrics.AppendOutcome.CONFLICT);
            metrics.planCacheHits(() -> 7);

            String text = metrics.scrape();

            assertThat(text)
                .contains("hindsight_log_head_seq 2.0")
                .contains("hindsight_events_total 2.0")
                .contains("hindsight_projection_position{projection=\"per_customer\"} 2.0")
                .contains("hindsight_projection_lag{projection=\"per_customer\"} 0.0")
                .contains("hindsight_http_requests_total{route=\"/v1/streams/{streamId}\",status=\"200\"} 2.0")
                .contains("hindsight_http_requests_total{route=\"/v1/streams/{streamId}\",status=\"404\"} 1.0")
                .contains("hindsight_append_conflicts_total 1.0")
                .contains("hindsight_appends_seconds_count{outcome=\"ok\"} 1")
                .contains("hindsight_appends_seconds_bucket{outcome=\"ok\",le=")
                .contains("hindsight_plan_cache_hits_total 7.0");
        }
    }

    @Test
    void a_counter_read_from_a_method_of_the_server_survives_a_garbage_collection() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:hindsight:file:" + dir)) {
            ServerMetrics metrics = new ServerMetrics(connection.unwrap(EventLog.class),
                connection.unwrap(Projections.class));
            AtomicLong hits = new AtomicLong();
            metrics.planCacheHits(hits::get); // as the server registers it: a bound method, held by nothing else
            hits.set(3);
            for (int i = 0; i < 5; i++) {
                System.gc(); // Micrometer holds a meter's source weakly unless told otherwise
            }

            assertThat(metrics.scrape()).contains("hindsight_plan_cache_hits_total 3.0");
        }
    }

    @Test
    void a_dropped_projection_leaves_the_scrape() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:hindsight:file:" + dir)) {
            Projections projections = connection.unwrap(Projections.class);
            ServerMetrics metrics = new ServerMetrics(connection.unwrap(EventLog.class), projections);
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE PROJECTION names AS SELECT name, COUNT(*) AS n FROM events GROUP BY name");
                assertThat(metrics.scrape()).contains("projection=\"names\"");

                st.execute("DROP PROJECTION names");
            }

            assertThat(metrics.scrape()).doesNotContain("projection=\"names\"");
        }
    }

    @Test
    void the_handler_serves_the_text_format_over_http() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:hindsight:file:" + dir)) {
            ServerMetrics metrics = new ServerMetrics(connection.unwrap(EventLog.class),
                connection.unwrap(Projections.class));
            Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new MetricsHandler(metrics)).build();
            server.start();
            try {
                int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).contains(ServerMetrics.contentType());
                assertThat(response.body()).contains("# TYPE hindsight_log_head_seq gauge");
            } finally {
                server.stop();
            }
        }
    }
}
