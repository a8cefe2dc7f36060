package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server without keys gives every loopback client every right, and a browser on the same host is one: given such a
 * server, when a request comes as a web page of another site could send it (its {@code Origin}), or addressed to a
 * name that is not loopback's (DNS rebinding: the page's own name pointed at 127.0.0.1), then it is {@code 403} and
 * writes nothing; requests addressed as tools address the server pass. Raw sockets: a client library sets the
 * {@code Host} header itself.
 */
class KeylessBrowserRequestsTest {

    private static final String EVENT = "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{\"total\":5}}";

    @TempDir
    Path dir;

    @Test
    void givenNoKeys_whenARequestIsAddressedToANameThatIsNotLoopback_thenItIs403AndWritesNothing() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            int port = running.server.port();
            for (String host : new String[] {"rebind.attacker.example:" + port, "rebind.attacker.example",
                "10.1.2.3:" + port, "127.1:" + port, "localhost.attacker.example", "300.1.2.3"}) {
                RawHttp.Answer read = send(port, "GET", "/v1/events", null, "Host: " + host);
                RawHttp.Answer append = send(port, "POST", "/v1/streams/order-1/events", EVENT, "Host: " + host,
                    "Content-Type: application/json");

                assertThat(read.status()).as(host).isEqualTo(403);
                assertThat(read.body()).as(host).contains("\"code\":\"forbidden\"", "Host was '" + host + "'",
                    "--keys FILE");
                assertThat(append.status()).as(host).isEqualTo(403);
            }
            assertThat(running.server.context().log().headSeq()).isZero();
        }
    }

    @Test
    void givenNoKeys_whenAPageOfAnotherSiteSendsAnAppendSqlOrJdbcRequest_thenItIs403AndWritesNothing()
            throws Exception {
        String insert = "{\"sql\":\"INSERT INTO events (stream_id, entity_type, name, data) VALUES "
            + "('order-1', 'order', 'order.placed', '{}')\"}";
        try (RunningServer running = RunningServer.start(dir)) {
            int port = running.server.port();
            for (String origin : new String[] {"http://evil.example", "https://evil.example:8443", "null",
                "http://127.0.0.1.evil.example"}) {
                // what a browser sends across sites without asking the server first: no content type, text/plain
                String host = "Host: localhost:" + port;
                RawHttp.Answer append = send(port, "POST", "/v1/streams/order-1/events", EVENT, host,
                    "Origin: " + origin);
                RawHttp.Answer sql = send(port, "POST", "/v1/sql", insert, host, "Origin: " + origin);
                RawHttp.Answer jdbc = send(port, "POST", "/jdbc", "x", host, "Origin: " + origin,
                    "Content-Type: text/plain");

                assertThat(append.status()).as(origin).isEqualTo(403);
                assertThat(append.body()).as(origin).contains("Origin '" + origin + "'", "--keys FILE");
                assertThat(sql.status()).as(origin).isEqualTo(403);
                assertThat(jdbc.status()).as(origin).isEqualTo(403);
            }
            assertThat(running.server.context().log().headSeq()).isZero();
        }
    }

    @Test
    void givenNoKeys_whenRequestsAreAddressedAsToolsAndLocalPagesAddressThem_thenTheyAreServed() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            int port = running.server.port();
            String[][] asked = {{"Host: localhost:" + port}, {"Host: 127.0.0.1:" + port}, {"Host: [::1]:" + port},
                {"Host: LOCALHOST.:" + port}, {"Host: app.localhost:" + port}, {"Host: 127.0.0.2"},
                {"Host: localhost:" + port, "Origin: http://localhost:3000"},
                {"Host: 127.0.0.1:" + port, "Origin: http://[::1]:8080"}};
            for (String[] headers : asked) {
                RawHttp.Answer append = send(port, "POST", "/v1/streams/order-1/events", EVENT, headers);

                assertThat(append.status()).as(String.join(", ", headers) + ": " + append.body()).isEqualTo(201);
            }
            assertThat(running.server.context().log().headSeq()).isEqualTo(asked.length);
        }
    }

    @Test
    void givenKeys_whenARequestWithAValidKeyIsAddressedToAnyName_thenItIsServed() throws Exception {
        // a page cannot send a key it does not have: names and origins are the keys' business then
        try (RunningServer running = RunningServer.start(dir, b -> b.apiKeys(AuthTest.KEYS))) {
            int port = running.server.port();

            RawHttp.Answer append = send(port, "POST", "/v1/streams/order-1/events", EVENT,
                "Host: hindsight.internal.example:" + port, "Origin: http://dashboard.example",
                "Authorization: Bearer key-write", "Content-Type: application/json");
            RawHttp.Answer keyless = send(port, "GET", "/v1/events", null, "Host: hindsight.internal.example");

            assertThat(append.status()).as(append.body()).isEqualTo(201);
            assertThat(keyless.status()).isEqualTo(401);
        }
    }

    /** {@code method path} with {@code body} (or none) and exactly {@code headers}, from loopback. */
    private static RawHttp.Answer send(int port, String method, String path, String body, String... headers)
            throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        try (Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return RawHttp.Answer.read(socket.getInputStream());
        }
    }
}
