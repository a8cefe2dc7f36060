package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.http.HindsightServer;
import dev.hindsight.http.server.ServerConfig;
import dev.hindsight.log.RecordedEvent;
import dev.hindsight.testkit.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --data-dir} stopped by SIGTERM (or Ctrl-C) ends after the group being appended and closes the log,
 * as {@code serve} does: it left an append cut short, which {@code verify} then called damage. Also while it waits
 * for input that does not come (a pipe, a terminal). {@code import --url} so stopped sends nothing more and says the
 * last line the server acknowledged, so that a run can go on from the next.
 */
class ImportSignalTest {

    private static final Pattern PROGRESS = Pattern.compile("imported (\\d+) events");
    private static final Pattern STOPPED = Pattern.compile("interrupted: imported (\\d+) events, and closed the log");
    private static final Pattern STOPPED_REMOTE = Pattern.compile(
        "interrupted: imported (\\d+) events, through line (\\d+) of the input; nothing more was sent");

    @TempDir
    Path dir;

    @Test
    void givenAnImportWaitingForMoreInput_whenSigtermArrives_thenItStopsAtAWholeGroupAndClosesTheLogSayingHowFar()
            throws Exception {
        Path logDir = dir.resolve("log");
        String stderr = stoppedBySigterm("-Xmx512m", "--data-dir", logDir.toString());

        Matcher stopped = STOPPED.matcher(stderr);
        assertThat(stopped.find()).as(stderr).isTrue(); // it said nothing, or waited for input for ever
        long imported = Long.parseLong(stopped.group(1));
        assertThat(imported).isPositive();
        Cli.Result verify = Cli.run("verify", "--data-dir", logDir.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero(); // was: "torn tail: … records of an unfinished append"
        assertThat(verify.out()).startsWith("ok: " + imported + " events");
    }

    @Test
    void givenAnImportThroughAServer_whenSigtermArrives_thenItSaysTheLastLineTheServerHoldsAndSendsNothingMore()
            throws Exception {
        try (HindsightServer server = new HindsightServer(ServerConfig.builder(dir.resolve("data")).port(0).build())
                .start()) {
            String stderr = stoppedBySigterm("-Xmx256m", "--url", "http://127.0.0.1:" + server.port());

            Matcher stopped = STOPPED_REMOTE.matcher(stderr);
            assertThat(stopped.find()).as(stderr).isTrue(); // the last progress line lagged, if any came
            long imported = Long.parseLong(stopped.group(1));
            long line = Long.parseLong(stopped.group(2));
            assertThat(server.context().log().headSeq()).as("events the server holds").isEqualTo(imported);
            RecordedEvent last = server.context().log().readAll(imported, 1, null).get(0);
            assertThat(last.data()).as("the last event is the one of the line named").isEqualTo("{\"line\":" + line
                + "}");
        }
    }

    /**
     * Runs {@code import -} with {@code options} in a child JVM of {@code heap}, fed lines on stdin that stays open,
     * and sends it SIGTERM once it has reported events imported; returns all it wrote to stderr.
     */
    private static String stoppedBySigterm(String heap, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("import", "-"));
        args.addAll(List.of(options));
        Process child = new ProcessBuilder(ChildJvm.command(Main.class, List.of(heap), args.toArray(String[]::new)))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream stdin = child.getOutputStream();
        AtomicBoolean seen = new AtomicBoolean();
        Thread feeder = new Thread(() -> feedUntil(stdin, seen), "feeder");
        feeder.start();
        InputStream stderr = child.getErrorStream();
        String progress = readUntil(stderr, PROGRESS); // events appended, and stdin stays open: the import waits
        seen.set(true);
        feeder.join();
        // not Process.destroy(), which closes this side's end of the child's stderr
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor()).isZero();
        String rest = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        stdin.close();
        return progress + rest;
    }

    /**
     * Writes groups of whole lines to the import's stdin until {@code seen}, leaving it open; every 100th line is
     * blank, and each event's data names its line.
     */
    private static void feedUntil(OutputStream stdin, AtomicBoolean seen) {
        long line = 0;
        try {
            while (!seen.get()) {
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < 2_000; i++) {
                    line++;
                    if (line % 100 == 0) {
                        lines.append('\n');
                        continue;
                    }
                    lines.append("{\"streamId\":\"s-").append(i % 100).append("\",\"entityType\":\"thing\",")
                        .append("\"name\":\"thing.happened\",\"data\":{\"line\":").append(line).append("}}\n");
                }
                stdin.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
