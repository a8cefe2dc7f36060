package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer its client stops reading: given a server with a short idle timeout and a log whose events make an answer
 * of several megabytes, when a client asks for all of them and then reads nothing for many idle timeouts, then the
 * server ends the request and closes the connection: what the client then reads ends before the answer's end. Without
 * it the worker writing the answer would wait for room for good. The client waits for the request's end as the server
 * counts it ({@code hindsight_http_requests_total}), not for a time: if the server never gives up, the test fails.
 */
class StalledAnswerTest {

    private static final Duration IDLE = Duration.ofMillis(200);
    private static final int EVENTS = 10_000;

    @TempDir
    Path dir;

    @Test
    void an_answer_the_client_stops_reading_has_its_connection_closed() throws Exception {
        try (RunningServer running = RunningServer.start(dir, settings -> settings.idleTimeout(IDLE))) {
            fill(running.server.context().log());
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.setSoTimeout((int) IDLE.multipliedBy(100).toMillis()); // a read that times out fails the test
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), running.server.port()));
                OutputStream out = socket.getOutputStream();
                out.write(RawHttp.head("GET", "/v1/events?limit=" + EVENTS));
                out.flush();
                InputStream in = socket.getInputStream();
                assertThat(in.read()).as("the answer starts").isPositive();

                // the client reads nothing until the server has given the request up (counted once it ends)
                running.awaitRequestCounted("GET /v1/events", IDLE.multipliedBy(100));

                byte[] rest = drain(in);
                assertThat(rest.length).as("what was in flight").isPositive();
                assertThat(new String(rest, StandardCharsets.US_ASCII)).as("the answer was cut").doesNotEndWith(
                    "0\r\n\r\n");
            }
        }
    }

    /** Events of ~1 KB each, enough for an answer several times what the connection's buffers hold. */
    private static void fill(EventLog log) {
        String data = "{\"note\": \"" + "x".repeat(1000) + "\"}";
        for (int batch = 0; batch < EVENTS / 1000; batch++) {
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                events.add(NewEvent.of("order.noted", data));
            }
            log.append("order-" + batch, "order", events, ExpectedVersion.any(), Source.API);
        }
    }

    /** Everything left on the connection, to its end (or its reset). */
    private static byte[] drain(InputStream in) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // the server closed with our bytes unread: the end as well
        }
        return read.toByteArray();
    }
}
