package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request body that stops arriving: given a server with a short idle timeout, when a client sends a head and part
 * of its body and then nothing, then the server closes the connection, whichever way the route reads its body (an
 * append on the I/O thread, {@code POST /v1/sql} on a blocking worker, {@code /jdbc} without blocking), declared or
 * chunked. Without it the connection (and, for a blocking route, a worker) stays taken for ten minutes or for good.
 * Such a request is counted in {@code /metrics} as ended without an answer, not as answered with 200.
 */
class StalledBodyTest {

    private static final Duration IDLE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"/v1/streams/order-1/events, declared", "/v1/sql, declared", "/jdbc, declared",
        "/v1/streams/order-1/events, chunked", "/v1/sql, chunked", "/jdbc, chunked"})
    void a_body_that_stops_arriving_has_its_connection_closed(String path, String body) throws Exception {
        try (RunningServer running = RunningServer.start(dir, settings -> settings.idleTimeout(IDLE));
             Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port())) {
            OutputStream out = socket.getOutputStream();
            byte[] part = "{\"sql\": ".getBytes(StandardCharsets.US_ASCII);
            if (body.equals("declared")) {
                out.write(RawHttp.head("POST", path, "Content-Type: application/json", "Content-Length: 100"));
                out.write(part);
            } else {
                out.write(RawHttp.head("POST", path, "Content-Type: application/json", "Transfer-Encoding: chunked"));
                RawHttp.writeChunk(out, part);
            }
            out.flush();

            socket.setSoTimeout((int) IDLE.multipliedBy(50).toMillis()); // a read that times out fails the test
            assertThat(RawHttp.closedByServer(socket)).isTrue();

            // counted as a request that ended unanswered, not as one answered 200 (a status nobody was sent)
            String route = "route=\"POST " + (path.startsWith("/v1/streams") ? "/v1/streams/{streamId}/events" : path)
                + "\"";
            // the count comes as the exchange ends, on a thread of the server's: asked again until it is there
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String metrics = running.client.get("/metrics").body();
            while (!metrics.contains("hindsight_http_requests_aborted_total{" + route + "} 1.0")) {
                assertThat(System.nanoTime()).as("counted as aborted: %s", metrics).isLessThan(deadline);
                metrics = running.client.get("/metrics").body();
            }
            assertThat(metrics).doesNotContainPattern("hindsight_http_requests_total\\{" + route.replace("{", "\\{")
                .replace("}", "\\}") + ",status=\"200\"");
        }
    }
}
