package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body limit set above Undertow's own default entity limit (2 MiB) holds as set: Undertow's is switched off and each
 * route counts its body against the server's limit, so a body between the two is served, not dropped.
 */
class LargeBodyLimitTest {

    @TempDir
    Path dir;

    @Test
    void a_body_over_undertows_default_and_within_the_configured_limit_is_served() throws Exception {
        try (RunningServer running = RunningServer.start(dir, b -> b.maxBodyBytes(4 << 20))) {
            String sql = "SELECT COUNT(*) AS n FROM events /* " + "x".repeat(3 << 20) + " */";

            Client.Answer answer = running.client.post("/v1/sql", "{\"sql\":\"" + sql + "\"}");

            assertThat(answer.status()).as(answer.body().substring(0, Math.min(200, answer.body().length())))
                .isEqualTo(200);
            assertThat(answer.body()).contains("\"rows\":[[0]]");
        }
    }
}
