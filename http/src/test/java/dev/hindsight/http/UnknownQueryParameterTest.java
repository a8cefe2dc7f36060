package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.server.Route;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A query parameter a route does not take is refused with {@code 400} naming it and the ones the route takes, on
 * every route but {@code /jdbc}, instead of being answered as if it had not been sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnknownQueryParameterTest {

    static final String EVENT = "{\"entityType\":\"s\",\"name\":\"x\",\"data\":{}}";

    /** Each route of the table but {@code /jdbc}: method | template | a body it takes | its query parameters. */
    static final String ROUTES = """
        POST   | /v1/streams/{streamId}/events    | {"entityType":"s","name":"x","data":{}} |
        GET    | /v1/streams/{streamId}           | |
        GET    | /v1/streams/{streamId}/events    | | direction, fromVersion, limit
        GET    | /v1/events                       | | fromSeq, limit, name
        GET    | /v1/streams/{streamId}/subscribe | | lastEventId, replay
        GET    | /v1/events/subscribe             | | fromSeq, lastEventId
        POST   | /v1/sql                          | {"sql":"SELECT 1 AS a"} |
        GET    | /v1/projections                  | |
        POST   | /v1/projections                  | {"sql":"CREATE PROJECTION q AS SELECT name FROM events"} |
        GET    | /v1/projections/{name}           | | asOf, partition
        DELETE | /v1/projections/{name}           | |
        POST   | /v1/projections/{name}/rebuild   | |
        GET    | /v1/projections/{name}/status    | |
        GET    | /v1/projections/{name}/wait      | | eventId, seq, timeoutMs
        GET    | /health                          | |
        GET    | /metrics                         | |
        GET    | /v1/openapi.json                 | |
        """;

    RunningServer running;
    Client client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        running = RunningServer.start(dir);
        client = running.client;
        assertThat(client.post("/v1/streams/s-1/events", EVENT).status()).isEqualTo(201);
        assertThat(client.post("/v1/projections",
            "{\"sql\":\"CREATE PROJECTION p AS SELECT name, COUNT(*) AS n FROM events GROUP BY name\"}").status())
            .isEqualTo(201);
    }

    @AfterAll
    void stop() {
        running.close();
    }

    static Stream<Arguments> routes() {
        return ROUTES.lines().map(line -> line.split("\\|", -1))
            .map(cells -> Arguments.of(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void a_route_refuses_a_query_parameter_it_does_not_take_naming_it_and_the_ones_it_takes(
            String method, String template, String body, String takes) {
        String path = template.replace("{streamId}", "s-1").replace("{name}", "p");
        long head = running.server.context().log().headSeq();

        Client.Answer answer = client.send(method, path + "?bogus=1", body.isEmpty() ? null : body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.code()).isEqualTo("bad_request");
        assertThat(answer.json().get("error").asText()).isEqualTo("unknown query parameter 'bogus': " + method + " "
            + template + (takes.isEmpty() ? " takes no query parameters" : " takes " + takes));
        assertThat(running.server.context().log().headSeq()).as("nothing appended").isEqualTo(head);
        assertThat(running.server.context().projections().names()).as("nothing created or dropped").containsOnly("p");
    }

    @Test
    void the_routes_above_are_every_route_that_checks_its_query_and_jdbc_alone_does_not() {
        Set<String> listed = routes().map(a -> a.get()[0] + " " + a.get()[1]).collect(Collectors.toSet());
        Set<String> checked = new TreeSet<>();
        Set<String> unchecked = new TreeSet<>();
        for (Route route : running.server.routes()) {
            (route.query().checked() ? checked : unchecked).add(route.key());
        }

        assertThat(checked).isEqualTo(new TreeSet<>(listed));
        assertThat(unchecked).containsExactly("POST /jdbc");
    }

    @Test
    void a_parameter_of_another_route_is_refused_rather_than_ignored() {
        Client.Answer answer = client.get("/v1/events?direction=backward");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText())
            .isEqualTo("unknown query parameter 'direction': GET /v1/events takes fromSeq, limit, name");
    }

    @Test
    void the_parameters_a_route_takes_are_still_taken_empty_or_percent_encoded() {
        Client.Answer backward = client.get("/v1/streams/s-1/events?direction=backward&limit=");
        Client.Answer encoded = client.get("/v1/events?from%53eq=1");

        assertThat(backward.status()).as(backward.body()).isEqualTo(200);
        assertThat(encoded.status()).as(encoded.body()).isEqualTo(200);
        assertThat(encoded.json()).hasSize(1);
    }

    @Test
    void names_are_compared_as_sent_case_and_all_and_each_unknown_one_is_named() {
        Client.Answer cased = client.get("/v1/events?FromSeq=1");
        Client.Answer several = client.get("/v1/events?a=1&limit=1&b");

        assertThat(cased.json().get("error").asText()).startsWith("unknown query parameter 'FromSeq': ");
        assertThat(several.json().get("error").asText()).startsWith("unknown query parameters 'a', 'b': ");
        assertThat(several.status()).isEqualTo(400);
    }

    @Test
    void a_head_request_is_refused_as_its_get_is() {
        Client.Answer head = client.send("HEAD", "/health?verbose=1", null);

        assertThat(head.status()).isEqualTo(400);
    }

    @Test
    void a_caller_without_a_valid_key_is_refused_for_that_first(@TempDir Path keyed) throws Exception {
        try (RunningServer withKeys = RunningServer.start(keyed, b -> b.apiKeys(AuthTest.KEYS))) {
            Client.Answer anonymous = withKeys.client.get("/v1/events?bogus=1");
            Client.Answer reader = withKeys.client.get("/v1/events?bogus=1", "Authorization", "Bearer key-read");

            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(reader.status()).isEqualTo(400);
        }
    }

    @Test
    void the_jdbc_endpoint_leaves_its_query_to_its_protocol() {
        Client.Answer answer = client.postBytes("/jdbc?bogus=1", new byte[] {1, 2, 3}, "application/octet-stream");

        assertThat(answer.json().get("error").asText()).doesNotContain("query parameter");
    }
}
