package dev.hindsight.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link BodyRoute} reads bodies within its budget: given a budget of 2,500 bytes, when two clients hold bodies of
 * 1,000 bytes by sending them slowly, then a third is answered {@code 503 server_busy} in the JSON error shape with its
 * connection closed, and once the first two are in, each is answered from its whole body and gives its bytes back.
 */
class BodyRouteTest {

    private final BodyBudget budget = new BodyBudget(2500);
    private Undertow server;
    private int port;

    @BeforeEach
    void start() {
        BodyRoute route = new BodyRoute(1024, new BoundWorkers(), budget, exchange -> { },
            (exchange, body) -> JsonResponses.sendWhole(exchange, 200, "{\"bytes\":" + body.length + "}"));
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(route).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void a_body_beyond_the_budget_is_refused_with_503_and_the_bodies_within_it_are_answered() throws Exception {
        try (Socket first = slowBody(); Socket second = slowBody()) {
            awaitReserved(2000);

            try (Socket third = slowBody()) {
                String answer = new String(third.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 503").contains("\"code\":\"server_busy\"")
                    .contains("the server is reading too many request bodies at once");
            }
            for (Socket held : new Socket[] {first, second}) {
                OutputStream out = held.getOutputStream();
                out.write("x".repeat(990).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = new String(held.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"bytes\":1000}");
            }
            awaitReserved(0);
        }
    }

    /** A connection that declares a body of 1,000 bytes and sends 10 of them. */
    private Socket slowBody() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000); // a read that times out fails the test
        OutputStream out = socket.getOutputStream();
        String head = String.join("\r\n", "POST /v1/sql HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
            "Content-Length: 1000", "Connection: close", "", "");
        out.write(head.concat("0123456789").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private void awaitReserved(long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (budget.reserved() != expected) {
            assertThat(System.nanoTime() - deadline).as("bytes reserved: " + budget.reserved()).isNegative();
            Thread.onSpinWait();
        }
    }
}
