package dev.hindsight.http.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link WholeBody}'s worker reads the connection's next message itself ({@link LingeringServerContract}), and runs
 * it; a next message of which only a piece has come when the worker looks is answered, and so are connections beyond
 * the limit of bound workers.
 */
class LingerTest extends LingeringServerContract {

    /** Per request, in order: whether its answer was made on the thread that read it. */
    private final List<Boolean> answeredWhereRead = new CopyOnWriteArrayList<>();
    /** When set, the request with this body waits, once it runs, for {@link #resume}. */
    private volatile String holdBody = "";
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);

    @Override
    protected void start(BoundWorkers bound) {
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
            }, new WholeBody.Refusals(ex -> ex.setStatusCode(StatusCodes.REQUEST_ENTITY_TOO_LARGE),
                ex -> ex.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE)), bound, BodyBudget.ofHeap(), true);
        }).build();
        server.start();
    }

    @Test
    void a_message_read_by_a_worker_runs_on_it() throws Exception {
        start(new BoundWorkers());
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            for (int i = 0; i < 100; i++) {
                socket.send(EchoSocket.request(Integer.toString(i)));
                assertThat(socket.readBody()).isEqualTo("echo " + i);
            }
        }
        assertThat(readOnIoThread).contains(false);
        for (int i = 0; i < readOnIoThread.size(); i++) {
            if (!readOnIoThread.get(i)) {
                assertThat(answeredWhereRead.get(i)).as("message " + i + " ran where it was read").isTrue();
            }
        }
    }

    @Test
    void a_next_message_of_which_a_piece_came_while_the_worker_ran_is_answered() throws Exception {
        start(new BoundWorkers());
        holdBody = "1";
        String next = EchoSocket.request("2");
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            socket.send(EchoSocket.request("1"));
            assertThat(held.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first message runs").isTrue();
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
    void connections_beyond_the_limit_of_bound_workers_are_answered() throws Exception {
        start(new BoundWorkers(1));
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
}
