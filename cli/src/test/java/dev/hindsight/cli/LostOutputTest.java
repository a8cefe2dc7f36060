package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command whose standard output cannot be written fails, as {@code > /dev/full} shows: it exited 0 silently. */
class LostOutputTest {

    @TempDir
    Path dir;

    @Test
    void givenStdoutThatCannotBeWritten_whenSqlOrAppendSucceeds_thenEachExits1AndSaysItsOutputIsLost() {
        String append = run("append", "order-1", "order.placed", "--data", "{}", "--data-dir", dir.toString());
        String sql = run("sql", "jdbc:hindsight:file:" + dir, "-e", "SELECT COUNT(*) FROM events");

        for (String err : new String[] {append, sql}) {
            assertThat(err).startsWith("exit 1: ").endsWith("error: standard output was closed or cannot be written:"
                + " the command ran, and what it printed is lost\n");
        }
        Cli.Result count = Cli.run("sql", "jdbc:hindsight:file:" + dir, "-e", "SELECT COUNT(*) AS n FROM events");
        assertThat(count.lines()).as("the append ran").contains("1");
    }

    /** Runs a command whose stdout fails every write as a full disk does; answers its exit code and stderr. */
    private static String run(String... args) {
        PrintStream full = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        }, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(InputStream.nullInputStream(), full, new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
        return "exit " + code + ": " + err.toString(StandardCharsets.UTF_8);
    }
}
