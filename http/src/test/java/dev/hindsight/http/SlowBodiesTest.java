package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies that arrive slowly hold no worker: given a server with four workers, when twelve clients each send the head
 * and half the body of a request to a route that reads one ({@code POST /v1/sql}, an append with an
 * {@code Idempotency-Key}, {@code POST /v1/projections}) and then wait, then other requests are answered meanwhile,
 * and each slow request is answered once the rest of its body comes. The bodies were read on workers: four such
 * clients (forty with the default workers), sending a byte now and then to keep the idle timer from firing, left no
 * worker for anyone's request.
 */
class SlowBodiesTest {

    private static final int WORKERS = 4;

    @TempDir
    Path dir;

    @Test
    void requests_whose_bodies_are_still_arriving_hold_no_worker() throws Exception {
        try (RunningServer running = RunningServer.start(dir,
                 settings -> settings.workerThreads(WORKERS).idleTimeout(Duration.ofMinutes(5)))) {
            List<SlowRequest> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 3 * WORKERS; i++) {
                    slow.add(SlowRequest.start(running.server.port(), i));
                }
                awaitBodiesHeld(running, slow);

                for (int i = 0; i < 3; i++) {
                    RawHttp.Answer answer = RawHttp.send(InetAddress.getLoopbackAddress(), running.server.port(),
                        "POST", "/v1/sql", "{\"sql\": \"SELECT COUNT(*) AS n FROM events\"}");
                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                    assertThat(answer.body()).contains("[0]");
                }

                for (SlowRequest request : slow) {
                    RawHttp.Answer answer = request.finish();
                    assertThat(answer.status()).as(request.path + " " + answer.body()).isEqualTo(request.expected);
                }
            } finally {
                for (SlowRequest request : slow) {
                    request.socket.close();
                }
            }
        }
    }

    /**
     * Waits (up to 30 s) until the server holds the first halves of every slow body it reads without a worker: all
     * twelve heads have reached their routes before the other requests are sent. (Not asserted: a server that read them
     * on workers holds none, and fails below.)
     */
    private static void awaitBodiesHeld(RunningServer running, List<SlowRequest> slow) {
        long held = slow.stream().mapToLong(r -> r.body.length).sum();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (running.server.context().bodies().reserved() < held && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a busy loop would take a core from the server
        }
    }

    /** A request whose head and first half of its body are sent; {@link #finish} sends the rest. */
    private static final class SlowRequest {
        final Socket socket;
        final String path;
        final byte[] body;
        final int expected;

        private SlowRequest(Socket socket, String path, byte[] body, int expected) {
            this.socket = socket;
            this.path = path;
            this.body = body;
            this.expected = expected;
        }

        /** The {@code i}th: a query, a keyed append or a projection's create, in turn. */
        static SlowRequest start(int port, int i) throws Exception {
            String path;
            String json;
            String extra;
            int expected;
            switch (i % 3) {
                case 0 -> {
                    path = "/v1/sql";
                    json = "{\"sql\": \"SELECT " + i + " AS n\"}";
                    extra = "X-Slow: " + i;
                    expected = 200;
                }
                case 1 -> {
                    path = "/v1/streams/order-" + i + "/events";
                    json = "{\"entityType\": \"order\", \"name\": \"order.placed\", \"data\": {\"total\": " + i + "}}";
                    extra = "Idempotency-Key: slow-" + i; // with a key, an append is answered on a worker
                    expected = 201;
                }
                default -> {
                    path = "/v1/projections";
                    json = "{\"sql\": \"CREATE PROJECTION slow_" + i + " AS SELECT stream_id, COUNT(*) AS n "
                        + "FROM events GROUP BY stream_id\"}";
                    extra = "X-Slow: " + i;
                    expected = 201;
                }
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), port);
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("POST", path, "Content-Type: application/json", extra,
                "Content-Length: " + body.length));
            out.write(body, 0, body.length / 2);
            out.flush();
            return new SlowRequest(socket, path, body, expected);
        }

        RawHttp.Answer finish() throws Exception {
            OutputStream out = socket.getOutputStream();
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            return RawHttp.Answer.read(socket.getInputStream());
        }
    }
}
