package dev.hindsight.http.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.server.BodyBudget;
import dev.hindsight.http.server.BoundWorkers;
import dev.hindsight.sql.jdbc.RemoteLimits;
import io.undertow.Undertow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a budget of 2,500 bytes for the bodies {@code /jdbc} reads before any key is known, when clients hold bodies
 * of 1,000 bytes by sending them slowly, then a third is refused inside the protocol (53000) with its connection
 * closed, and a body gone gives its bytes back: anyone who reached the port held 16 MiB per connection and ran the
 * server out of heap.
 */
class BodyBudgetTest {

    @TempDir
    Path dir;
    final BodyBudget budget = new BodyBudget(2500);
    JdbcEndpoint endpoint;
    Undertow server;
    int port;

    @BeforeEach
    void start() throws Exception {
        RemoteLimits limits = new RemoteLimits(4, Duration.ofMinutes(1), 100, Duration.ofMinutes(1), 1000, 1024);
        endpoint = JdbcEndpoint.forUrl("jdbc:hindsight:file:" + dir.toAbsolutePath(), new Properties(),
            ApiKeys.none(), limits, new BoundWorkers(), budget);
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(endpoint).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
        endpoint.close();
    }

    @Test
    void bodiesHeldBeyondTheBudgetAreRefusedAndAClosedConnectionGivesItsBytesBack() throws Exception {
        Socket first = slowBody();
        Socket second = slowBody();
        try {
            awaitReserved(r -> r == 2000);

            try (Socket third = slowBody()) {
                third.setSoTimeout(30_000); // without a budget it would be held, unanswered
                String answer = new String(third.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

                assertThat(answer).startsWith("HTTP/1.1 500").contains("53000")
                    .contains("the server is reading too many request bodies at once");
            }
            assertThat(budget.reserved()).isEqualTo(2000);

            first.close();
            awaitReserved(r -> r == 1000);
            HttpResponse<String> junk = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/jdbc")).POST(HttpRequest.BodyPublishers.ofByteArray(
                    new byte[] {1, 2, 3})).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(junk.statusCode()).as("a body with room is read and answered").isEqualTo(400);
        } finally {
            first.close();
            second.close();
        }
        awaitReserved(r -> r == 0);
    }

    /** A connection that declares a body of 1,000 bytes and sends 10 of them. */
    private Socket slowBody() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        String head = "POST /jdbc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n";
        out.write(head.concat("0123456789").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private void awaitReserved(LongPredicate expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!expected.test(budget.reserved())) {
            assertThat(System.nanoTime() - deadline).as("bytes reserved: " + budget.reserved()).isNegative();
            Thread.onSpinWait();
        }
    }
}
