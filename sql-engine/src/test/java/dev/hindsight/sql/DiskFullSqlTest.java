package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.log.LogConfig;
import dev.hindsight.testkit.SmallTmpfs;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk refuses {@code INSERT} with SQLState {@code 53100} and a message naming the problem, writes nothing, and
 * leaves the connection reading (SPEC §1 Durability, §2).
 *
 * <p>"Full" is the log's disk guard: it refuses an append that would leave less than {@code minFreeDiskBytes} free,
 * before anything is written. A {@code jdbc:hindsight:file:} URL cannot set that threshold, so the log runs with the
 * default; the test mounts a tmpfs only a few MiB larger than it and appends until the guard refuses. Needs root to
 * mount; skipped otherwise.
 */
@Tag("slow")
class DiskFullSqlTest {

    private static final long HEADROOM_BYTES = 8L << 20;
    private static final String INSERT = "INSERT INTO events (stream_id, entity_type, name, data) VALUES ";

    @TempDir
    Path mountPoint;
    SmallTmpfs tmpfs;
    SqlFixture sql;
    long appendedBeforeFull;

    @BeforeEach
    void fillASmallDisk() throws Exception {
        long threshold = LogConfig.at(mountPoint).minFreeDiskBytes(); // what jdbc:hindsight:file: logs run with
        tmpfs = SmallTmpfs.mount(mountPoint, threshold + HEADROOM_BYTES, "DiskFullSqlTest");
        sql = SqlFixture.open(mountPoint.resolve("log"));
        String pad = "p".repeat(8000);
        SQLException refusal = null;
        try (PreparedStatement ps = sql.connection.prepareStatement(INSERT + "(?, 'thing', 'thing.added', ?)")) {
            for (int i = 0; i < 10_000 && refusal == null; i++) {
                ps.setString(1, "filler-" + i % 7);
                ps.setString(2, "{\"i\":" + i + ",\"pad\":\"" + pad + "\"}");
                try {
                    ps.executeUpdate();
                    appendedBeforeFull++;
                } catch (SQLException e) {
                    refusal = e;
                }
            }
        }
        // SQLException is Iterable, hence the cast to pick AssertJ's throwable assertions
        assertThat((Throwable) refusal).as("the guard refused an append").isNotNull();
        assertThat(refusal.getSQLState()).isEqualTo("53100");
        assertThat(appendedBeforeFull).as("appends before the disk filled").isGreaterThan(100);
    }

    @AfterEach
    void unmount() throws Exception {
        try {
            if (sql != null) {
                sql.close(); // the last connection closes the log, so nothing on the tmpfs stays open
            }
        } finally {
            if (tmpfs != null) {
                tmpfs.unmount();
            }
        }
    }

    @Test
    void insertOnAFullDiskFailsWith53100NamingTheProblemAndWritesNothing() throws Exception {
        long before = count();
        assertThatThrownBy(() -> sql.update(INSERT + "('order-1', 'order', 'order.placed', '{\"total\":100}')"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("53100"))
            .hasMessageContainingAll("storage full", "minFreeDiskBytes", mountPoint.resolve("log").toString());
        assertThat(count()).isEqualTo(before).isEqualTo(appendedBeforeFull);
        assertThat(sql.rows("SELECT COUNT(*) FROM streams WHERE stream_id = 'order-1'")).containsExactly("0");
    }

    @Test
    void preparedAndBatchedInsertsAreRefusedTheSameWay() throws Exception {
        long before = count();
        try (PreparedStatement ps = sql.connection.prepareStatement(INSERT + "(?, 'order', 'order.placed', ?)")) {
            ps.setString(1, "order-1");
            ps.setString(2, "{\"total\":100}");
            assertThatThrownBy(ps::executeUpdate)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("53100"))
                .hasMessageContaining("storage full");
            ps.addBatch();
            ps.setString(1, "order-2");
            ps.addBatch();
            assertThatThrownBy(ps::executeBatch)
                .isInstanceOfSatisfying(BatchUpdateException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("53100"))
                .hasMessageContainingAll("storage full", "nothing written");
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void theConnectionStillReadsEverythingAcknowledgedAfterARefusal() throws Exception {
        assertThatThrownBy(() -> sql.update(INSERT + "('order-1', 'order', 'order.placed', '{}')"))
            .isInstanceOf(SQLException.class);
        assertThat(sql.rows("SELECT seq, JSON_VALUE(data, '$.i') FROM events WHERE seq IN (1, ?) ORDER BY seq",
            appendedBeforeFull)).containsExactly("1, 0", appendedBeforeFull + ", " + (appendedBeforeFull - 1));
        assertThat(sql.rows("SELECT COUNT(*), SUM(version) FROM streams"))
            .containsExactly("7, " + appendedBeforeFull);
    }

    private long count() throws SQLException {
        return Long.parseLong(sql.rows("SELECT COUNT(*) FROM events").get(0));
    }
}
