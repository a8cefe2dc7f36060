package dev.hindsight.http.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.StatusCodes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection's next request that arrives before the exchange has ended, on a real Undertow server on loopback with
 * {@link WholeBody} (and so {@link EarlyRequest}) reading each body: given a request whose worker (or whose end) is
 * held until the client's next request has arrived and the I/O thread has parked it (the connection's reads off),
 * then the held exchange ends and the parked request is read and answered in turn. Pipelined requests (read together
 * with the first) and a connection not kept alive take Undertow's own way, and are answered too.
 */
class EarlyRequestTest {

    private static final long WAIT_SECONDS = 10;
    /** No worker reads a next request itself ({@link Linger}): every request takes the path under test. */
    private static final BoundWorkers NO_LINGERING = new BoundWorkers(0);

    private Undertow server;
    private volatile Hold hold = Hold.NONE;
    /** Counted down by the client once its next request is written. */
    private volatile CountDownLatch nextSent = new CountDownLatch(1);
    /** Counted down by the server once a held exchange is held. */
    private volatile CountDownLatch held = new CountDownLatch(1);

    /** Where the server holds the first exchange of a test: not at all, in the worker, or in its end. */
    private enum Hold { NONE, WORKER, END }

    @BeforeEach
    void start() {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(exchange -> {
            Hold h = hold;
            hold = Hold.NONE; // only the first request is held
            if (h == Hold.END) {
                // added before WholeBody's: runs inside EarlyRequest's end, before Undertow's hand-over
                exchange.addExchangeCompleteListener((ex, next) -> {
                    waitForParkedNextRequest(ex);
                    next.proceed();
                });
            }
            WholeBody.read(exchange, 1024, (ex, body) -> {
                if (h == Hold.WORKER) {
                    waitForParkedNextRequest(ex);
                }
                ex.getResponseSender().send("echo " + new String(body, US_ASCII));
            }, new WholeBody.Refusals(ex -> ex.setStatusCode(StatusCodes.REQUEST_ENTITY_TOO_LARGE),
                ex -> ex.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE)), NO_LINGERING, BodyBudget.ofHeap(), true);
        }).build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void a_request_arriving_while_the_worker_runs_is_parked_and_answered_after_it() throws Exception {
        hold = Hold.WORKER;
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS * 3)) {
            socket.send(EchoSocket.request("1"));
            assertThat(held.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first request is held").isTrue();
            socket.send(EchoSocket.request("2"));
            nextSent.countDown();

            assertThat(socket.readBody()).isEqualTo("echo 1");
            assertThat(socket.readBody()).isEqualTo("echo 2");
        }
    }

    @Test
    void a_request_arriving_while_the_exchange_ends_is_parked_and_answered_after_it() throws Exception {
        hold = Hold.END;
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS * 3)) {
            socket.send(EchoSocket.request("1"));
            assertThat(socket.readBody()).isEqualTo("echo 1"); // answered; its end is held
            socket.send(EchoSocket.request("2"));
            nextSent.countDown();

            assertThat(socket.readBody()).isEqualTo("echo 2");
            assertThat(held.getCount()).as("the end was held").isZero();
        }
    }

    @Test
    void pipelined_requests_are_answered_in_order() throws Exception {
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS * 3)) {
            socket.send(EchoSocket.request("1") + EchoSocket.request("2") + EchoSocket.request("3"));

            assertThat(socket.readBody()).isEqualTo("echo 1");
            assertThat(socket.readBody()).isEqualTo("echo 2");
            assertThat(socket.readBody()).isEqualTo("echo 3");
        }
    }

    @Test
    void a_connection_not_kept_alive_is_answered_and_closed() throws Exception {
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS * 3)) {
            socket.send("POST /x HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: 1\r\n\r\n1");

            assertThat(socket.readBody()).isEqualTo("echo 1");
            assertThat(socket.read()).as("the connection's end").isEqualTo(-1);
        }
    }

    /**
     * On the server: tells the test the exchange is held, then waits until the client has written its next request
     * and the I/O thread has parked it (the connection's reads off), both observed, not slept for.
     */
    private void waitForParkedNextRequest(HttpServerExchange exchange) {
        held.countDown();
        HttpServerConnection connection = (HttpServerConnection) exchange.getConnection();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try {
            if (!nextSent.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the client did not send its next request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        while (connection.getOriginalSourceConduit().isReadResumed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the I/O thread did not park the next request");
            }
            Thread.onSpinWait();
        }
    }
}
