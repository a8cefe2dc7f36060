package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.server.ServerConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/** A real server on 127.0.0.1 and a free port, over a real log in a test's directory, with a client for it. */
final class RunningServer implements AutoCloseable {

    final HindsightServer server;
    final Client client;

    private RunningServer(HindsightServer server) {
        this.server = server;
        this.client = new Client("http://127.0.0.1:" + server.port());
    }

    /** A server for {@code dataDir} with default settings (no keys: loopback clients as admin). */
    static RunningServer start(Path dataDir) throws SQLException {
        return start(dataDir, UnaryOperator.identity());
    }

    /** A server for {@code dataDir} with settings changed by {@code settings}. */
    static RunningServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> settings) throws SQLException {
        return start(dataDir, settings, ServerExtensions.none());
    }

    static RunningServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> settings,
                               ServerExtensions extensions) throws SQLException {
        ServerConfig config = settings.apply(ServerConfig.builder(dataDir).port(0)).build();
        return new RunningServer(new HindsightServer(config, extensions).start());
    }

    /**
     * Waits until the server counts a request to {@code route} (e.g. {@code "POST /jdbc"}) as ended, at most
     * {@code within}, and fails the test if it does not: the metrics count a request once its exchange is over.
     */
    void awaitRequestCounted(String route, Duration within) {
        awaitCounted("hindsight_http_requests_total{route=\"" + route + "\"", route, within);
    }

    /** As {@link #awaitRequestCounted}, for a request that ended without an answer (its client gone). */
    void awaitAbortedCounted(String route, Duration within) {
        // its series is there at 0 from the start
        awaitCounted("hindsight_http_requests_aborted_total{route=\"" + route + "\"} 1.0", route, within);
    }

    private void awaitCounted(String counted, String route, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!server.context().meters().scrape().contains(counted) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a busy loop would take a core from the server
        }
        assertThat(server.context().meters().scrape()).as(route + " counted as ended").contains(counted);
    }

    /**
     * The metrics once they hold every one of {@code lines}: a request is counted when its exchange completes, which
     * for one whose connection closes may come after its client has the answer.
     */
    String awaitMetrics(Duration within, String... lines) {
        long deadline = System.nanoTime() + within.toNanos();
        String scraped = server.context().meters().scrape();
        while (!containsAll(scraped, lines) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            scraped = server.context().meters().scrape();
        }
        return scraped;
    }

    private static boolean containsAll(String text, String... lines) {
        for (String line : lines) {
            if (!text.contains(line)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        server.close();
    }
}
