package dev.hindsight.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A route that reads a body reads it within the server's budget, on a worker ({@link BodyRoute}) or answered on the I/O
 * thread ({@link IoThreadRoute}, whose receiver holds the declared length from the start): given a budget of 2,500
 * bytes, when two clients hold bodies of 1,000 bytes by sending them slowly, then a third is answered {@code 503
 * server_busy} in the JSON error shape with its connection closed, and once the first two are in, each is answered
 * from its whole body and gives its bytes back. The I/O thread's route held any declared length outside the budget.
 * A body read whole holds its bytes until its route has run with it: with the one worker busy, the body waiting for it
 * still counts, and a third is refused. Bodies were let go of once read, and a burst of large ones sent while the
 * workers were busy ran the heap out. One connection's bodies sent to routes of two budgets are each counted in their
 * route's (the key of a connection's reservation was one for all budgets).
 */
class BodyRouteTest {

    private final BodyBudget budget = new BodyBudget(2500);
    private Undertow server;
    private int port;

    private void start(String kind) {
        BodyRoute onWorker = new BodyRoute(1024, new BoundWorkers(), budget, exchange -> { }, BodyRouteTest::answer);
        HttpHandler route = kind.equals("worker") ? onWorker
            : new IoThreadRoute(1024, exchange -> true, BodyRouteTest::answer, onWorker, budget);
        serve(Undertow.builder().setHandler(route));
    }

    /** Starts {@code builder}'s server on a loopback port of its own. */
    private void serve(Undertow.Builder builder) {
        server = builder.addHttpListener(0, "127.0.0.1").build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private static void answer(HttpServerExchange exchange, byte[] body) {
        JsonResponses.sendWhole(exchange, 200, "{\"bytes\":" + body.length + "}");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"worker", "I/O thread"})
    void a_body_beyond_the_budget_is_refused_with_503_and_the_bodies_within_it_are_answered(String kind)
            throws Exception {
        start(kind);
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

    @Test
    void a_body_read_whole_holds_its_bytes_until_its_route_has_run_with_it() throws Exception {
        CountDownLatch resume = new CountDownLatch(1);
        BodyRoute route = new BodyRoute(1024, new BoundWorkers(), budget, exchange -> { }, (exchange, body) -> {
            assertThat(resume.await(30, TimeUnit.SECONDS)).as("the test's signal").isTrue();
            answer(exchange, body);
        });
        // one worker: the first body's route holds it, the second body waits for it, read whole
        serve(Undertow.builder().setWorkerThreads(1).setHandler(route));
        try (Socket running = wholeBody(); Socket waiting = wholeBody()) {
            awaitReserved(2000);

            try (Socket third = wholeBody()) {
                String answer = new String(third.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 503").contains("\"code\":\"server_busy\"");
            }
            resume.countDown();
            for (Socket answered : new Socket[] {running, waiting}) {
                String answer = new String(answered.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"bytes\":1000}");
            }
            awaitReserved(0);
        }
    }

    @Test
    void one_connections_bodies_are_each_counted_in_their_own_routes_budget() throws Exception {
        BodyBudget other = new BodyBudget(2500);
        long[] seen = new long[2]; // while the second route runs: what each budget holds
        BodyRoute first = new BodyRoute(1024, new BoundWorkers(), budget, exchange -> { }, BodyRouteTest::answer);
        BodyRoute second = new BodyRoute(1024, new BoundWorkers(), other, exchange -> { }, (exchange, body) -> {
            seen[0] = budget.reserved();
            seen[1] = other.reserved();
            answer(exchange, body);
        });
        serve(Undertow.builder().setHandler(exchange -> (exchange.getRequestPath().equals("/first") ? first : second)
            .handleRequest(exchange)));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            for (String path : new String[] {"/first", "/second"}) { // one keep-alive connection
                String head = String.join("\r\n", "POST " + path + " HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Length: 100", "", "");
                socket.getOutputStream().write(head.concat("x".repeat(100)).getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                assertThat(oneAnswer(socket)).startsWith("HTTP/1.1 200").endsWith("{\"bytes\":100}");
            }
        }
        // the budget of the connection's first route took the second's body too: one key per connection, not per budget
        assertThat(seen).containsExactly(0, 100);
    }

    /** One answer off a kept-alive connection: its head, then the body of its {@code Content-Length}. */
    private static String oneAnswer(Socket socket) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = socket.getInputStream().read();
            assertThat(b).as("the answer's head, whole").isNotNegative();
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertThat(length.find()).as(head.toString()).isTrue();
        byte[] body = socket.getInputStream().readNBytes(Integer.parseInt(length.group(1)));
        return head + new String(body, StandardCharsets.UTF_8);
    }

    /** A connection that sends a body of 1,000 bytes whole. */
    private Socket wholeBody() throws IOException {
        Socket socket = slowBody();
        socket.getOutputStream().write("x".repeat(990).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
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
