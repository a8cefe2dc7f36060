package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.ChildJvm;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --data-dir} stopped by SIGTERM (or Ctrl-C) ends after the group being appended and closes the log,
 * as {@code serve} does: it left an append cut short, which {@code verify} then called damage.
 */
class ImportSignalTest {

    private static final Pattern PROGRESS = Pattern.compile("imported (\\d+) events");
    private static final Pattern STOPPED = Pattern.compile("interrupted: imported (\\d+) events, and closed the log");

    @TempDir
    Path dir;

    @Test
    void givenAnImportUnderWay_whenSigtermArrives_thenItStopsAtAWholeGroupAndClosesTheLogSayingHowFarItGot()
            throws Exception {
        Path file = dir.resolve("events.jsonl");
        int lines = 300_000;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                w.write("{\"streamId\":\"s-" + (i % 100) + "\",\"entityType\":\"thing\",\"name\":\"thing.happened\","
                    + "\"data\":{\"line\":" + i + "}}\n");
            }
        }
        Path logDir = dir.resolve("log");
        Process child = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx512m"), "import",
            file.toString(), "--data-dir", logDir.toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        InputStream stderr = child.getErrorStream();
        String progress = readUntil(stderr, PROGRESS); // appending: the signal comes in the middle
        // not Process.destroy(), which closes this side's end of the child's stderr
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor()).isZero();
        String rest = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Matcher stopped = STOPPED.matcher(rest);
        assertThat(stopped.find()).as(progress + rest).isTrue();
        long imported = Long.parseLong(stopped.group(1));
        assertThat(imported).as("stopped before the end").isLessThan(lines);
        Cli.Result verify = Cli.run("verify", "--data-dir", logDir.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero(); // was: "torn tail: … records of an unfinished append"
        assertThat(verify.out()).startsWith("ok: " + imported + " events");
    }

    /** Reads stderr until a line (or progress update) matches {@code pattern}; returns what was read. */
    private static String readUntil(InputStream stderr, Pattern pattern) throws Exception {
        StringBuilder all = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = stderr.read()) != -1) {
            all.append((char) c);
            if (c == '\r' || c == '\n') {
                if (pattern.matcher(line).find()) {
                    return all.toString();
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        throw new AssertionError("import ended first: " + all);
    }
}
