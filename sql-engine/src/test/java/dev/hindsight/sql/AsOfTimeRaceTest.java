package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AS OF TIMESTAMP t}, for a {@code t} already past, answers while INSERTs race as it answers once they are
 * over (SPEC §2: exactly the events with {@code ts <= t}), alone and beside a scan of the present in one statement.
 * The statement's head was taken before the time was resolved (by the same scan, or an earlier one), so an INSERT
 * stamped before {@code t} and visible a moment later was cut off, and the same query counted more rows when run
 * again.
 */
class AsOfTimeRaceTest {

    @TempDir
    Path dir;

    private static long countAsOf(Connection c, Instant t) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM events AS OF TIMESTAMP '" + t + "'");
    }

    /** The count as of {@code t} from a statement whose first scan reads the present. */
    private static long countAsOfAfterThePresent(Connection c, Instant t) throws SQLException {
        return count(c, "SELECT (SELECT COUNT(*) FROM events) AS n, (SELECT COUNT(*) FROM events AS OF TIMESTAMP '"
            + t + "') AS m");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(rs.getMetaData().getColumnCount());
        }
    }

    @Test
    void aPastTimeCountsTheSameRowsDuringInsertsAsAfterThem() throws Exception {
        Properties fsync = new Properties();
        fsync.setProperty("durability", "fsync"); // a batch stays stamped but unseen for an fsync: the race is wide
        String url = "jdbc:hindsight:file:" + dir;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Object[]> answers = new ArrayList<>();
        try (Connection reader = SqlFixture.connect(url, fsync)) {
            AtomicBoolean inserting = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            AtomicBoolean readerEnded = new AtomicBoolean();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                String stream = "s-" + w;
                writers.add(pool.submit(() -> {
                    try (Connection c = SqlFixture.connect(url, fsync); Statement st = c.createStatement()) {
                        // until the reader has raced them 30 times: an INSERT takes 1 ms, planned it took 10
                        for (int i = 0; i < 100 || (reads.get() < 30 && !readerEnded.get()); i++) {
                            st.executeUpdate("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('"
                                + stream + "', 'thing', 'a.b', '{}')");
                        }
                    }
                    return null;
                }));
            }
            Future<?> reading = pool.submit(() -> {
                try {
                    while (inserting.get()) {
                        Instant t = Instant.now().minusMillis(1); // passed: later INSERTs are stamped after it
                        answers.add(new Object[] {t, countAsOf(reader, t), countAsOfAfterThePresent(reader, t)});
                        reads.incrementAndGet();
                    }
                } finally {
                    readerEnded.set(true); // a reader that failed stops the writers: the test fails, not hangs
                }
                return null;
            });
            for (Future<?> w : writers) {
                w.get();
            }
            inserting.set(false);
            reading.get();
            assertThat(answers).hasSizeGreaterThanOrEqualTo(30);
            for (Object[] a : answers) {
                long last = countAsOf(reader, (Instant) a[0]);
                assertThat((long) a[1]).as("AS OF %s while inserting", a[0]).isEqualTo(last);
                assertThat((long) a[2]).as("AS OF %s beside the present, while inserting", a[0]).isEqualTo(last);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
