package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.auth.Role;
import dev.hindsight.http.server.Access;
import dev.hindsight.http.server.Route;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deny by default: every route the server registers, asked without a valid key and with each role. */
class AuthTest {

    static final ApiKeys KEYS = ApiKeys.of(List.of("key-read", "key-write", "key-admin"),
        List.of(Role.READ, Role.WRITE, Role.ADMIN));

    @TempDir
    Path dir;

    RunningServer running;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(dir, b -> b.apiKeys(KEYS));
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void every_route_refuses_a_request_without_a_key_or_with_a_wrong_one() {
        List<Route> routes = running.server.routes();
        assertThat(routes).hasSizeGreaterThan(15);

        for (Route route : routes) {
            if (route.access() == Access.PROTOCOL) {
                continue; // authenticated inside its protocol; checked below
            }
            Client.Answer none = call(route, null);
            Client.Answer wrong = call(route, "Bearer not-a-key");
            Client.Answer notBearer = call(route, "Basic a2V5LWFkbWluOg==");

            assertThat(none.status()).as(route.key()).isEqualTo(401);
            assertThat(none.code()).as(route.key()).isEqualTo("unauthorized");
            assertThat(wrong.status()).as(route.key()).isEqualTo(401);
            assertThat(notBearer.status()).as(route.key()).isEqualTo(401);
        }
    }

    @Test
    void two_authorization_headers_are_refused_with_400_whichever_comes_first() {
        Client.Answer badFirst = running.client.get("/v1/events", "Authorization", "Bearer not-a-key",
            "Authorization", "Bearer key-read");
        Client.Answer goodFirst = running.client.get("/v1/events", "Authorization", "Bearer key-read",
            "Authorization", "Bearer not-a-key");

        // the first was taken: one order got 401, the other 200
        for (Client.Answer answer : List.of(badFirst, goodFirst)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).contains("Authorization is given 2 times");
        }
    }

    @Test
    void only_the_jdbc_endpoint_authenticates_inside_its_protocol() {
        assertThat(running.server.routes().stream().filter(r -> r.access() == Access.PROTOCOL).map(Route::key))
            .containsExactly("POST /jdbc");
    }

    @Test
    void each_role_is_let_through_exactly_where_its_access_allows() {
        for (Route route : running.server.routes()) {
            if (route.access() == Access.PROTOCOL) {
                continue;
            }
            for (Role role : Role.values()) {
                Client.Answer answer = call(route, "Bearer key-" + role.label());

                if (role.allows(route.access().role())) {
                    assertThat(answer.status()).as(route.key() + " as " + role).isNotIn(401, 403);
                } else {
                    assertThat(answer.status()).as(route.key() + " as " + role).isEqualTo(403);
                    assertThat(answer.code()).isEqualTo("forbidden");
                    assertThat(answer.body()).as("as SQL says it").contains("\"sqlState\":\"42501\"");
                    assertThat(answer.body()).doesNotContain("key-" + role.label());
                }
            }
        }
    }

    @Test
    void a_read_key_may_query_but_the_sql_engine_may_refuse_it_writes() {
        Client.Answer query = running.client.post("/v1/sql", "{\"sql\":\"SELECT COUNT(*) FROM events\"}",
            "Authorization", "Bearer key-read");

        assertThat(query.status()).isEqualTo(200);
    }

    private Client.Answer call(Route route, String authorization) {
        String path = route.template().replace("{streamId}", "order-1").replace("{name}", "nope");
        String body = route.method().equals("POST") ? "{}" : null;
        return authorization == null ? running.client.send(route.method(), path, body)
            : running.client.send(route.method(), path, body, "Authorization", authorization);
    }
}
