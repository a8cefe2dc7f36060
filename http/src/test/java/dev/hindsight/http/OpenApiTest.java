package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.http.server.Route;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI description and the server's route table say the same: every route, and no other. */
class OpenApiTest {

    @TempDir
    Path dir;

    @Test
    void every_registered_route_is_described_in_openapi_json_and_every_described_one_is_registered() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            Client.Answer answer = running.client.get("/v1/openapi.json");
            JsonNode doc = answer.json();

            Set<String> described = new TreeSet<>();
            JsonNode paths = doc.get("paths");
            paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames()
                .forEachRemaining(method -> described.add(method.toUpperCase(Locale.ROOT) + " " + path)));
            Set<String> registered = new TreeSet<>();
            for (Route route : running.server.routes()) {
                registered.add(route.key());
            }

            assertThat(answer.status()).isEqualTo(200);
            assertThat(doc.get("openapi").asText()).startsWith("3.0");
            assertThat(described).isEqualTo(registered);
        }
    }

    @Test
    void each_described_operation_names_the_role_it_needs_as_the_route_table_does() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            JsonNode paths = running.client.get("/v1/openapi.json").json().get("paths");

            for (Route route : running.server.routes()) {
                String role = paths.get(route.template()).get(route.method().toLowerCase(Locale.ROOT))
                    .get("x-hindsight-role").asText();
                assertThat(role).as(route.key()).startsWith(route.access().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    @Test
    void each_described_operation_lists_the_query_parameters_its_route_takes_and_the_400_for_any_other()
            throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            JsonNode paths = running.client.get("/v1/openapi.json").json().get("paths");

            for (Route route : running.server.routes()) {
                JsonNode operation = paths.get(route.template()).get(route.method().toLowerCase(Locale.ROOT));
                Set<String> described = new TreeSet<>();
                operation.path("parameters").forEach(p -> {
                    if (p.get("in").asText().equals("query")) {
                        described.add(p.get("name").asText());
                    }
                });

                assertThat(described).as(route.key()).isEqualTo(route.query().names());
                if (route.query().checked()) {
                    assertThat(operation.get("responses").has("400")).as(route.key() + " describes its 400").isTrue();
                }
            }
        }
    }
}
