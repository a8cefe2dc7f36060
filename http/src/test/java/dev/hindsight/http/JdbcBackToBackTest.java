package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote JDBC clients that send each message as soon as the last answer is read: the server keeps a connection's
 * reads on while a worker runs its message, and the client's next message often arrives before the exchange has
 * ended. Every round trip must be answered; a connection left with its reads off hangs its client, which the
 * deadline turns into a failure. Each client appends to its own stream with the version guard and reads back the
 * stream's last three events after every append, so the answers are checked too.
 */
class JdbcBackToBackTest {

    private static final int CLIENTS = 4;
    private static final int APPENDS = 600; // each followed by a read: 4,800 round trips in all

    @TempDir
    Path dir;

    @Test
    void every_back_to_back_round_trip_of_several_clients_is_answered() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            String url = "jdbc:hindsight://127.0.0.1:" + running.server.port();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                CyclicBarrier start = new CyclicBarrier(CLIENTS);
                List<Future<Long>> done = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    String stream = "order-" + i;
                    done.add(clients.submit(() -> appendAndReadBack(url, stream, start)));
                }
                assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                    for (Future<Long> client : done) {
                        assertThat(client.get()).isEqualTo(APPENDS);
                    }
                });
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /** Appends {@link #APPENDS} events to {@code stream}, reading its end after each; returns its last version. */
    private static long appendAndReadBack(String url, String stream, CyclicBarrier start) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement append = c.prepareStatement("INSERT INTO events (stream_id, entity_type, name, "
                 + "data, expected_version) VALUES (?, 'order', 'order.noted', '{}', ?)");
             PreparedStatement read = c.prepareStatement(
                 "SELECT version FROM events WHERE stream_id = ? AND version > ? ORDER BY version")) {
            start.await(30, TimeUnit.SECONDS); // a client that failed before it shows its own error
            long last = 0;
            for (int v = 1; v <= APPENDS; v++) {
                append.setString(1, stream);
                append.setLong(2, v - 1L);
                assertThat(append.executeUpdate()).isEqualTo(1);
                read.setString(1, stream);
                read.setLong(2, v - 3L);
                long expected = Math.max(1, v - 2);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        assertThat(rows.getLong(1)).as(stream).isEqualTo(expected++);
                    }
                }
                assertThat(expected - 1).as(stream + "'s versions after append " + v).isEqualTo(v);
                last = v;
            }
            return last;
        }
    }
}
