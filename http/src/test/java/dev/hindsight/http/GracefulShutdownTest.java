package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code close()} stops accepting, lets requests in flight finish, then closes the log. A request is held in flight
 * by a handler plugged in where the subscription handler goes, which waits for the test's word.
 */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void a_request_in_flight_finishes_while_new_ones_get_503_and_then_the_log_is_released() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ServerExtensions slow = ServerExtensions.none().withEventsSubscribe(context -> exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(() -> HeldAnswer.answerWhenReleased(exchange, entered, release));
                return;
            }
            HeldAnswer.answerWhenReleased(exchange, entered, release);
        });
        RunningServer running = RunningServer.start(dir, UnaryOperator.identity(), slow);
        String base = "http://127.0.0.1:" + running.server.port();
        CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/v1/events/subscribe")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(running::close);
        Client.Answer refused = running.client.get("/health");
        for (int i = 0; i < 10_000 && refused.status() != 503; i++) {
            refused = running.client.get("/health"); // 200 until close() has begun
        }
        release.countDown();
        closing.get(30, TimeUnit.SECONDS);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("unavailable");
        assertThat(inFlight.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(inFlight.get().body()).isEqualTo("done");
        try (RunningServer again = RunningServer.start(dir)) {
            assertThat(again.client.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void an_open_subscription_is_ended_with_unavailable_and_does_not_hold_the_close() throws Exception {
        RunningServer running = RunningServer.start(dir);
        String base = "http://127.0.0.1:" + running.server.port();
        HttpResponse<Stream<String>> live = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(base + "/v1/events/subscribe")).build(),
            HttpResponse.BodyHandlers.ofLines());
        assertThat(live.statusCode()).isEqualTo(200);

        running.close();

        // the stream ends (close() returned, so the last frame was written or the connection cut) with the reason
        assertThat(live.body().filter(line -> line.startsWith("data:")).toList())
            .singleElement().asString().contains("\"code\":\"unavailable\"").contains("Last-Event-ID");
    }

    @Test
    void a_projection_wait_in_flight_answers_503_at_once_and_does_not_hold_the_close() throws Exception {
        // it waited out its own timeout (up to 60 s), holding the shutdown that long, and lost its answer
        RunningServer running = RunningServer.start(dir);
        running.client.post("/v1/projections", "{\"sql\":\"CREATE PROJECTION n AS SELECT COUNT(*) AS n "
            + "FROM events\"}");
        String base = "http://127.0.0.1:" + running.server.port();
        CompletableFuture<HttpResponse<String>> waiting = HttpClient.newHttpClient().sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/v1/projections/n/wait?seq=1000000&timeoutMs=60000")).build(),
            HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!waitingInRoute() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until a worker runs the wait (the server runs in this JVM)
        }
        assertThat(waitingInRoute()).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(running::close);

        HttpResponse<String> answer = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("\"code\":\"unavailable\"", "wait again once it is back");
        closing.get(30, TimeUnit.SECONDS);
    }

    private static boolean waitingInRoute() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Stream.of(stack)
            .anyMatch(frame -> frame.getClassName().endsWith("ProjectionWaitRoute")));
    }
}
