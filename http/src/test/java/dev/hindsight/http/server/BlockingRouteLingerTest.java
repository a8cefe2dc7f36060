package dev.hindsight.http.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockingRoute}'s worker reads the connection's next request itself ({@link LingeringServerContract}), the
 * body read in blocking mode; it waits for it only once the route's work is done (a route ends its exchange from
 * inside its work, holding what it works with); and a route that reads no body drops one sent and serves the next
 * request.
 */
class BlockingRouteLingerTest extends LingeringServerContract {

    @Override
    protected void start(BoundWorkers bound) {
        serve(new BlockingRoute(1024, bound, exchange -> {
            String body = new String(exchange.getInputStream().readAllBytes(), US_ASCII);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
            exchange.getResponseSender().send("echo " + body);
        }));
    }

    private void serve(BlockingRoute route) {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setWorkerThreads(8).setHandler(exchange -> {
            readOnIoThread.add(exchange.isInIoThread());
            route.handleRequest(exchange);
        }).build();
        server.start();
    }

    @Test
    void the_worker_waits_for_the_next_request_once_the_routes_work_after_its_answer_is_done() throws Exception {
        Semaphore workDone = new Semaphore(0);
        serve(new BlockingRoute(1024, new BoundWorkers(), exchange -> {
            String body = new String(exchange.getInputStream().readAllBytes(), US_ASCII);
            exchange.getResponseSender().send("echo " + body); // ends the exchange
            workDone.release(); // what a route does after its answer: close its statement, give back its connection
        }));
        int requests = 100;
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            for (int i = 0; i < requests; i++) {
                socket.send(EchoSocket.request(Integer.toString(i)));
                assertThat(socket.readBody()).isEqualTo("echo " + i);
                // the next request only once the route's work is done: a worker that waited inside it never sees it
                assertThat(workDone.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).as("the route's work").isTrue();
            }
        }
        long byWorkers = readOnIoThread.stream().filter(io -> !io).count();
        assertThat(byWorkers).as("requests read by a worker, of " + requests).isGreaterThan(requests / 2);
    }

    @Test
    void a_route_reading_no_body_drops_one_sent_and_serves_the_next_request() throws Exception {
        serve(BlockingRoute.ignoringBody(1024, new BoundWorkers(),
            exchange -> exchange.getResponseSender().send("echo " + exchange.getQueryString())));
        try (EchoSocket socket = EchoSocket.to(server, WAIT_SECONDS)) {
            for (int i = 0; i < 100; i++) {
                String path = "/x?" + i;
                socket.send(i % 2 == 0
                    ? "GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n"
                    : "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nextra");
                assertThat(socket.readBody()).isEqualTo("echo " + i);
            }
        }
        assertThat(readOnIoThread.stream().filter(io -> !io).count()).as("requests read by a worker").isPositive();
    }
}
