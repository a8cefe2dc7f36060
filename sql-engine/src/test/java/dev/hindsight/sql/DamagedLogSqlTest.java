package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record damaged under an open connection: given a log of three events, when a byte of the second changes on disk
 * and a query reads it, then the query fails with PostgreSQL's data_corrupted (XX001) naming the file, not an internal
 * error naming a Java class.
 */
class DamagedLogSqlTest {

    @TempDir
    Path dir;

    @Test
    void givenARecordDamagedOnDisk_whenAQueryReadsIt_thenXX001NamingTheFile() throws SQLException, IOException {
        try (SqlFixture sql = SqlFixture.seeded(dir, "a:3")) {
            assertThat(sql.rows("SELECT COUNT(*) FROM events WHERE data IS NOT NULL")).containsExactly("3");
            Path file = queueFile();
            byte[] bytes = Files.readAllBytes(file);
            int at = indexOf(bytes, "{\"i\":2}".getBytes(StandardCharsets.UTF_8));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(at + 5);
                raf.write('9');
            }

            SQLException e = catchThrowableOfType(SQLException.class, () -> sql.rows("SELECT data FROM events"));

            assertThat((Throwable) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("XX001");
            assertThat(e.getMessage()).contains(file.getFileName().toString(), "checksum mismatch")
                .doesNotContain("Exception");
        }
    }

    private Path queueFile() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
