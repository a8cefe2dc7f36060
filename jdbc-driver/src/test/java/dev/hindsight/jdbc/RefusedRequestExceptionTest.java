package dev.hindsight.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A status outside Avatica's protocol as the caller reads it: given the server's answer, when the thin driver turns it
 * into an error, then a {@code 403} (a server without keys refusing this client) says the server's words, where it
 * said "the API key was refused" of a server that has none.
 */
class RefusedRequestExceptionTest {

    @Test
    void a403SaysTheServersOwnWordsUnescaped() {
        byte[] body = ("{\"error\":\"this server has no API keys and serves only requests addressed to a loopback "
            + "name (localhost, 127.0.0.1, [::1]); Host was 'vm:7070' \\u2014 \\\"quoted\\\"\",\"code\":\"forbidden\"}")
            .getBytes(StandardCharsets.UTF_8);

        RefusedRequestException e = RefusedRequestException.of(403, body);

        assertThat(e.getSqlState()).isEqualTo("28000");
        assertThat(e.getMessage()).isEqualTo("Failed to execute HTTP Request, got HTTP/403: this server has no API "
            + "keys and serves only requests addressed to a loopback name (localhost, 127.0.0.1, [::1]); Host was "
            + "'vm:7070' \u2014 \"quoted\"").doesNotContain("API key was refused");
    }

    @Test
    void a403WithoutTheServersWordsAndA401SayWhatTheyCan() {
        assertThat(RefusedRequestException.of(403, "<html>no</html>".getBytes(StandardCharsets.UTF_8)).getMessage())
            .isEqualTo("Failed to execute HTTP Request, got HTTP/403 (refused by the server)");
        assertThat(RefusedRequestException.of(401, new byte[0]).getMessage())
            .isEqualTo("Failed to execute HTTP Request, got HTTP/401 (the API key was refused)");
        byte[] spaced = "{\"error\" : \"spaced \\u001b[31mred\\r\\nforged\\u0007\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(RefusedRequestException.of(403, spaced).getMessage())
            .isEqualTo("Failed to execute HTTP Request, got HTTP/403: spaced  [31mred  forged");
        assertThat(RefusedRequestException.of(403, "{\"error\":\"\\u+041\"}".getBytes(StandardCharsets.UTF_8))
            .getMessage()).endsWith("(refused by the server)");
        String endless = "{\"error\":\"" + "x".repeat(100_000);
        assertThat(RefusedRequestException.of(403, endless.getBytes(StandardCharsets.UTF_8)).getMessage())
            .hasSizeLessThan(ServerError.MAX_CHARS + 100);
    }
}
