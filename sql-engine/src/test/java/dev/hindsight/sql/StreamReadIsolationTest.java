package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query by {@code stream_id} reads only that stream's records: with another stream's record damaged on disk after
 * the log was opened, the stream query still answers, while a query that scans the log hits the damage.
 */
class StreamReadIsolationTest {

    @TempDir
    Path dir;

    @Test
    void aStreamQueryTouchesOnlyThatStreamsRecords() throws Exception {
        try (SqlFixture sql = SqlFixture.seeded(dir, "a:3", "b:2", "c:1")) {
            damageTheRecordHolding("{\"i\":4}"); // stream b's first event, after the open's full check
            assertThat(sql.rows("SELECT seq, version FROM events WHERE stream_id = 'a'"))
                .containsExactly("1, 1", "2, 2", "3, 3");
            assertThat(sql.rows("SELECT seq FROM events WHERE stream_id = 'c'")).containsExactly("6");
            assertThatThrownBy(() -> sql.rows("SELECT COUNT(*) FROM events"))
                .isInstanceOf(SQLException.class).hasMessageContaining("corrupted");
        }
    }

    private void damageTheRecordHolding(String text) throws Exception {
        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        int at = -1;
        for (int i = 0; i + needle.length <= bytes.length && at < 0; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                at = i;
            }
        }
        assertThat(at).as("record found in %s", file).isPositive();
        // the queue is memory-mapped shared: this write is what the open log will read
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + 2);
            raf.write('X');
        }
    }
}
