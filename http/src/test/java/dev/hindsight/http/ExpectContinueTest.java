package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.server.ServerConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that sends {@code Expect: 100-continue} and waits for {@code 100 Continue} before its body (curl for large
 * bodies, .NET, Apache HttpClient) gets it, for an append that would be answered on an I/O thread as for one a worker
 * answers (with a key); without it such a client waits for its own timeout (curl: one second) on every request. A
 * body declared over the limit is answered {@code 413} instead of {@code 100}: the client never sends it.
 */
class ExpectContinueTest {

    private static final String EVENT = "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{}}";

    @TempDir
    Path dir;
    RunningServer running;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(dir);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Idempotency-Key: key-1\r\n"})
    void aClientExpectingContinueGetsItBeforeItSendsTheBodyThenItsAnswer(String extraHeader) throws Exception {
        byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /v1/streams/order-1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nExpect: 100-continue\r\n" + extraHeader
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // read with the socket's 30 s timeout: the answer comes before any byte of the body is sent
            RawHttp.Answer interim = RawHttp.Answer.read(in);
            out.write(body);
            out.flush();
            RawHttp.Answer answer = RawHttp.Answer.read(in);

            assertThat(interim.status()).isEqualTo(100);
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.body()).contains("\"seq\":1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/streams/order-1/events", "/v1/sql", "/v1/projections"})
    void aClientExpectingContinueForABodyOverTheLimitGets413InsteadAndNeverSendsIt(String path) throws Exception {
        long declared = ServerConfig.DEFAULT_MAX_BODY_BYTES + 1;
        try (Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("POST", path, "Content-Type: application/json", "Expect: 100-continue",
                "Content-Length: " + declared));
            out.flush();

            RawHttp.Answer answer = RawHttp.Answer.read(socket.getInputStream());

            assertThat(answer.status()).as("no 100 Continue first: " + answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("\"code\":\"payload_too_large\"").contains("of " + declared + " bytes");
            assertThat(RawHttp.closedByServer(socket)).as("the server hung up, not waiting for the body").isTrue();
        }
    }
}
