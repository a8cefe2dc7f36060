package dev.hindsight.http.jdbc;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker that answered a request reads the connection's next one itself ({@link Linger}), on a real Undertow
 * server on loopback with {@link WholeBody} reading each body: given a client that sends each request once the last
 * answer is read, then most requests are read and run by a worker, not the I/O thread; a next request of which only
 * a piece has come, a client that leaves, connections beyond the limit of bound workers and pipelined requests are
 * answered too, and a worker left by its client is given back.
 */
class LingerTest {

    private static final long WAIT_SECONDS = 10;

    private Undertow server;
    /** Per request, in order: where it was read and where its answer was made. */
    private final List<Boolean> readOnIoThread = new CopyOnWriteArrayList<>();
    private final List<Boolean> answeredWhereRead = new CopyOnWriteArrayList<>();
    /** When set, the request with this body waits, once it runs, for {@link #resume}. */
    private volatile String holdBody = "";
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);

    private void start(WorkerTurns.Limit limit) {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setWorkerThreads(8).setHandler(exchange -> {
            boolean ioThread = exchange.isInIoThread();
            Thread reader = Thread.currentThread();
            WholeBody.read(exchange, 1024, (ex, body) -> {
                String text = new String(body, US_ASCII);
                if (text.equals(holdBody)) {
                    held.countDown();
                    assertThat(resume.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the client's signal").isTrue();
                }
                readOnIoThread.add(ioThread);
                answeredWhereRead.add(reader == Thread.currentThread());
                ex.getResponseSender().send("echo " + text);
            }, ex -> ex.setStatusCode(StatusCodes.REQUEST_ENTITY_TOO_LARGE), limit);
        }).build();
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void most_requests_of_a_client_that_sends_at_once_are_read_and_run_by_the_worker_before() throws Exception {
        start(new WorkerTurns.Limit());
        int requests = 400;
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            for (int i = 0; i < requests; i++) {
                socket.send(EchoSocket.request(Integer.toString(i)));
                assertThat(socket.readBody()).isEqualTo("echo " + i);
            }
        }

        assertThat(readOnIoThread).hasSize(requests);
        assertThat(readOnIoThread.get(0)).as("the connection's first request").isTrue();
        long byWorkers = readOnIoThread.stream().filter(io -> !io).count();
        // each next request comes within microseconds of its answer, well inside the worker's wait of a millisecond
        assertThat(byWorkers).as("requests read by a worker, of " + requests).isGreaterThan(requests / 2);
        for (int i = 0; i < requests; i++) {
            if (!readOnIoThread.get(i)) {
                assertThat(answeredWhereRead.get(i)).as("request " + i + " ran where it was read").isTrue();
            }
        }
    }

    @Test
    void a_next_request_of_which_a_piece_came_while_the_worker_ran_is_answered() throws Exception {
        start(new WorkerTurns.Limit());
        holdBody = "1";
        String next = EchoSocket.request("2");
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            socket.send(EchoSocket.request("1"));
            assertThat(held.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first request runs").isTrue();
            socket.send(next.substring(0, 10)); // "POST /x HT": the worker finds it as soon as it has answered
            resume.countDown();
            assertThat(socket.readBody()).isEqualTo("echo 1");
            socket.send(next.substring(10));

            assertThat(socket.readBody()).isEqualTo("echo 2");
            socket.send(EchoSocket.request("3"));
            assertThat(socket.readBody()).isEqualTo("echo 3");
        }
    }

    @Test
    void a_worker_whose_client_left_is_given_back() throws Exception {
        start(new WorkerTurns.Limit(1));
        try (EchoSocket leaving = EchoSocket.to(server, WAIT_SECONDS)) {
            leaving.send(EchoSocket.request("bye"));
            assertThat(leaving.readBody()).isEqualTo("echo bye");
        } // closed at once: while its worker waits for a next request

        int requests = 50;
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            for (int i = 0; i < requests; i++) {
                socket.send(EchoSocket.request(Integer.toString(i)));
                assertThat(socket.readBody()).isEqualTo("echo " + i);
            }
        }
        // the only worker that may be bound was given back, or no request of the second client would be read by one
        long byWorkers = readOnIoThread.stream().skip(1).filter(io -> !io).count();
        assertThat(byWorkers).as("the second client's requests read by a worker").isPositive();
    }

    @Test
    void connections_beyond_the_limit_of_bound_workers_are_answered() throws Exception {
        start(new WorkerTurns.Limit(1));
        try (EchoSocket first = EchoSocket.to(server, WAIT_SECONDS);
             EchoSocket second = EchoSocket.to(server, WAIT_SECONDS)) {
            for (int i = 0; i < 50; i++) {
                first.send(EchoSocket.request("a" + i));
                second.send(EchoSocket.request("b" + i));
                assertThat(first.readBody()).isEqualTo("echo a" + i);
                assertThat(second.readBody()).isEqualTo("echo b" + i);
            }
        }
    }

    @Test
    void pipelined_requests_and_a_connection_not_kept_alive_are_answered() throws Exception {
        start(new WorkerTurns.Limit());
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            socket.send(EchoSocket.request("1"));
            assertThat(socket.readBody()).isEqualTo("echo 1");
            socket.send(EchoSocket.request("2") + EchoSocket.request("3"));
            assertThat(socket.readBody()).isEqualTo("echo 2");
            assertThat(socket.readBody()).isEqualTo("echo 3");
            socket.send("POST /x HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: 1\r\n\r\n4");

            assertThat(socket.readBody()).isEqualTo("echo 4");
            assertThat(socket.read()).as("the connection's end").isEqualTo(-1);
        }
    }
}
