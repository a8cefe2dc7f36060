package dev.hindsight.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every route whose worker reads the connection's next request itself ({@link Linger}) must show, on a real
 * Undertow server on loopback that echoes request bodies ({@code "echo " + body}): given a client that sends each
 * request once the last answer is read, then most requests are read by a worker, not the I/O thread; pipelined
 * requests and a connection not kept alive are answered; a worker left by its client is given back. A subclass starts
 * the server with its route and records, per request, whether the I/O thread read it.
 */
public abstract class LingeringServerContract {

    protected static final long WAIT_SECONDS = 10;

    /** Per request, in order: whether the I/O thread read it. */
    protected final List<Boolean> readOnIoThread = new CopyOnWriteArrayList<>();
    protected Undertow server;

    /** Starts {@link #server}, its route binding workers within {@code bound}, at most 8 workers in its pool. */
    protected abstract void start(BoundWorkers bound);

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void most_requests_of_a_client_that_sends_at_once_are_read_by_the_worker_before() throws Exception {
        start(new BoundWorkers());
        int requests = 400;
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            for (int i = 0; i < requests; i++) {
                socket.send(EchoSocket.request("body " + i));
                assertThat(socket.readBody()).isEqualTo("echo body " + i);
            }
        }

        assertThat(readOnIoThread).hasSize(requests);
        assertThat(readOnIoThread.get(0)).as("the connection's first request").isTrue();
        long byWorkers = readOnIoThread.stream().filter(io -> !io).count();
        // each next request comes within microseconds of its answer, well inside the worker's wait of a millisecond
        assertThat(byWorkers).as("requests read by a worker, of " + requests).isGreaterThan(requests / 2);
    }

    @Test
    void pipelined_requests_and_a_connection_not_kept_alive_are_answered() throws Exception {
        start(new BoundWorkers());
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

    @Test
    void a_worker_whose_client_left_is_given_back() throws Exception {
        start(new BoundWorkers(1));
        try (EchoSocket leaving = EchoSocket.to(server, WAIT_SECONDS)) {
            leaving.send(EchoSocket.request("bye"));
            assertThat(leaving.readBody()).isEqualTo("echo bye");
        } // closed at once: while its worker waits for a next request

        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            for (int i = 0; i < 50; i++) {
                socket.send(EchoSocket.request(Integer.toString(i)));
                assertThat(socket.readBody()).isEqualTo("echo " + i);
            }
        }
        // the only worker that may be bound was given back, or no request of the second client would be read by one
        long byWorkers = readOnIoThread.stream().skip(1).filter(io -> !io).count();
        assertThat(byWorkers).as("the second client's requests read by a worker").isPositive();
    }
}
