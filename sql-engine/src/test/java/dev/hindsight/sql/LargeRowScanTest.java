package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan's batches of large events are cut by the size of their rows and read on in parts ({@link ReadAhead}): a batch
 * was 1,024 events whatever their size, some 600 MB of 300 kB events, and four readers ran a 1 GB server out of heap.
 * Every row still comes once, in order, up and down the log, read ahead or not.
 */
class LargeRowScanTest {

    @TempDir
    Path dir;

    /** Long enough to be read ahead on workers; 20 kB each, some 40 kB as rows: a batch's rows are cut every ~200. */
    private static final int EVENTS = (int) EventsTable.READ_AHEAD_MIN + 300;
    private static final int PAD = 20_000;

    @BeforeEach
    void seed() {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            for (int i = 1; i <= EVENTS; i++) {
                String data = "{\"i\":" + i + ",\"pad\":\"" + "x".repeat(PAD + i % 7) + "\"}";
                log.append("s-" + i % 13, "thing", List.of(new NewEvent(i % 3 == 0 ? "thing.third" : "thing.other",
                    data, null, 1)), ExpectedVersion.any());
            }
        }
    }

    @Test
    void everyLargeRowComesOnceInOrderReadAheadOrNot() throws SQLException {
        for (boolean fastPath : new boolean[] {true, false}) {
            Properties p = new Properties();
            p.setProperty("fastPath", Boolean.toString(fastPath));
            try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + dir, p)) {
                assertThat(seqsAndLengths(c, "SELECT seq, data FROM events"))
                    .as("up, fastPath=%s", fastPath).isEqualTo(expected(1, EVENTS, 1, false));
                assertThat(seqsAndLengths(c, "SELECT seq, data FROM events ORDER BY seq DESC"))
                    .as("down, fastPath=%s", fastPath).isEqualTo(expected(EVENTS, 1, -1, false));
                assertThat(seqsAndLengths(c, "SELECT seq, data FROM events WHERE name = 'thing.third'"))
                    .as("a third of them, fastPath=%s", fastPath).isEqualTo(expected(1, EVENTS, 1, true));
                assertThat(seqsAndLengths(c, "SELECT seq, data FROM events ORDER BY seq DESC LIMIT 1500"))
                    .as("the last 1,500, fastPath=%s", fastPath).isEqualTo(expected(EVENTS, EVENTS - 1499, -1, false));
                assertThat(c.unwrap(SqlSession.class).cutBatches()).as("batches cut, fastPath=%s", fastPath)
                    .isGreaterThan(EVENTS / 1024);
            }
        }
    }

    /** Each row as "seq:i:length of data", i read from the data (the event's own number, which is its seq). */
    private static List<String> seqsAndLengths(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String data = rs.getString(2);
                rows.add(rs.getLong(1) + ":" + data.substring(5, data.indexOf(',')) + ":" + data.length());
            }
        }
        return rows;
    }

    private static List<String> expected(int from, int to, int step, boolean thirdsOnly) {
        List<String> rows = new ArrayList<>();
        for (int i = from; step > 0 ? i <= to : i >= to; i += step) {
            if (!thirdsOnly || i % 3 == 0) {
                int length = "{\"i\":,\"pad\":\"\"}".length() + String.valueOf(i).length() + PAD + i % 7;
                rows.add(i + ":" + i + ":" + length);
            }
        }
        return rows;
    }
}
