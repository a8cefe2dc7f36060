package dev.hindsight.http.jdbc;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
            }, ex -> ex.setStatusCode(StatusCodes.REQUEST_ENTITY_TOO_LARGE));
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
        try (Socket socket = connect()) {
            send(socket, request("1"));
            assertThat(held.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first request is held").isTrue();
            send(socket, request("2"));
            nextSent.countDown();

            assertThat(readBody(socket.getInputStream())).isEqualTo("echo 1");
            assertThat(readBody(socket.getInputStream())).isEqualTo("echo 2");
        }
    }

    @Test
    void a_request_arriving_while_the_exchange_ends_is_parked_and_answered_after_it() throws Exception {
        hold = Hold.END;
        try (Socket socket = connect()) {
            send(socket, request("1"));
            assertThat(readBody(socket.getInputStream())).isEqualTo("echo 1"); // answered; its end is held
            send(socket, request("2"));
            nextSent.countDown();

            assertThat(readBody(socket.getInputStream())).isEqualTo("echo 2");
            assertThat(held.getCount()).as("the end was held").isZero();
        }
    }

    @Test
    void pipelined_requests_are_answered_in_order() throws Exception {
        try (Socket socket = connect()) {
            send(socket, request("1") + request("2") + request("3"));

            assertThat(readBody(socket.getInputStream())).isEqualTo("echo 1");
            assertThat(readBody(socket.getInputStream())).isEqualTo("echo 2");
            assertThat(readBody(socket.getInputStream())).isEqualTo("echo 3");
        }
    }

    @Test
    void a_connection_not_kept_alive_is_answered_and_closed() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /x HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: 1\r\n\r\n1");

            assertThat(readBody(socket.getInputStream())).isEqualTo("echo 1");
            assertThat(socket.getInputStream().read()).as("the connection's end").isEqualTo(-1);
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

    private Socket connect() throws IOException {
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS * 3));
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static String request(String body) {
        return "POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static void send(Socket socket, String bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes.getBytes(US_ASCII));
        out.flush();
    }

    /** The body of the next answer on {@code in}, which must be 200 with a {@code Content-Length}. */
    private static String readBody(InputStream in) throws IOException {
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200");
        int length = -1;
        for (String line : head.lines().toList()) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertThat(length).as(head).isNotNegative();
        byte[] body = in.readNBytes(length);
        return new String(body, US_ASCII);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int ends = 0;
        while (ends < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended in a head: " + head.toString(US_ASCII));
            }
            head.write(b);
            ends = (b == '\r' || b == '\n') ? ends + 1 : 0;
        }
        return head.toString(US_ASCII);
    }
}
