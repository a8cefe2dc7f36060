package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request whose body's length the server could read other than its client (or a proxy in front) meant is refused
 * with 400 before anything reads it, and its connection closed: a {@code Content-Length} past a {@code long} (Undertow
 * wrapped it round and ran the body as the next request), a {@code Transfer-Encoding} other than {@code chunked}
 * (Undertow decoded any as chunked).
 */
class RequestFramingTest {

    private static final String EVENT = "{\"entityType\":\"t\",\"name\":\"smuggled\",\"data\":{}}";
    /** An append, as the body of another request: run, it writes the stream {@code smuggled}. */
    private static final String INNER = "POST /v1/streams/smuggled/events HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + EVENT.length() + "\r\n\r\n" + EVENT;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST /v1/sql", "POST /v1/streams/s/events", "POST /jdbc", "GET /health"})
    void aContentLengthPastALongIsRefusedAndItsBodyIsNeverRunAsARequest(String route) throws Exception {
        int space = route.indexOf(' ');
        // 2^64: read without an overflow check, it was a body of 0 bytes, and the append after it the next request
        String head = "Content-Length: 18446744073709551616";

        RawHttp.Answer answer = sendRaw(route.substring(0, space), route.substring(space + 1), head, INNER);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode error = new ObjectMapper().readTree(answer.body());
        assertThat(error.get("code").asText()).isEqualTo("bad_request");
        assertThat(error.get("error").asText()).contains("Content-Length", "18446744073709551616");
        assertThat(answer.headers()).contains("connection: close");
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"gzip", "xchunked", "chunkedx", "x, chunked", "chunked, gzip", "identity"})
    void aTransferEncodingOtherThanChunkedIsRefusedAndNothingIsWritten(String coding) throws Exception {
        String chunked = Integer.toHexString(EVENT.length()) + "\r\n" + EVENT + "\r\n0\r\n\r\n";

        RawHttp.Answer answer = sendRaw("POST", "/v1/streams/s/events", "Transfer-Encoding: " + coding, chunked);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(answer.body()).get("error").asText())
            .contains("Transfer-Encoding", coding);
        assertThat(answer.headers()).contains("connection: close");
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"chunked", "Chunked", " chunked "})
    void chunkedInAnyCaseIsRead(String coding) throws Exception {
        String chunked = Integer.toHexString(EVENT.length()) + "\r\n" + EVENT + "\r\n0\r\n\r\n";

        RawHttp.Answer answer = sendRaw("POST", "/v1/streams/s/events", "Transfer-Encoding: " + coding, chunked);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    /**
     * Sends {@code method path} with the {@code framing} header and {@code bytes} after the head on a connection of
     * its own to a fresh server, reads the answer, checks the server closed the connection and wrote nothing unless
     * it answered 201, and returns the answer.
     */
    private RawHttp.Answer sendRaw(String method, String path, String framing, String bytes) throws Exception {
        try (RunningServer running = RunningServer.start(dir);
             Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head(method, path, "Content-Type: application/json", framing));
            out.write(bytes.getBytes(StandardCharsets.US_ASCII));
            out.flush();

            RawHttp.Answer answer = RawHttp.Answer.read(socket.getInputStream());

            if (answer.status() != 201) {
                assertThat(RawHttp.closedByServer(socket)).as("no next request read from the connection").isTrue();
                assertThat(running.server.context().log().headSeq()).as("events written").isZero();
                assertThat(running.client.get("/v1/streams/smuggled").status()).isEqualTo(404);
            }
            return answer;
        }
    }
}
