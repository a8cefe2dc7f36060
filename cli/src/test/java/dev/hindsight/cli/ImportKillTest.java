package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.ChildJvm;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hindsight import} killed with {@code kill -9} at a seeded random point leaves a gapless, readable prefix of
 * the file: the log then holds exactly the file's first N events, in order, and the rest can be imported after.
 */
@Tag("slow")
class ImportKillTest {

    private static final Pattern PROGRESS = Pattern.compile("imported (\\d+) events");

    @TempDir
    Path dir;

    @Test
    void killedImportLeavesAGaplessPrefixOfTheFile() throws Exception {
        long seed = Long.getLong("hindsight.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        Path file = dir.resolve("events.jsonl");
        int lines = 400_000;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long[] versions = new long[300];
            int i = 0;
            while (i < lines) {
                int s = random.nextInt(versions.length);
                // runs of one stream, so that import's grouping into atomic batches is exercised
                int run = 1 + random.nextInt(5);
                for (int r = 0; r < run && i < lines; r++, i++) {
                    long version = ++versions[s];
                    w.write("{\"streamId\":\"s-" + s + "\",\"entityType\":\"thing\",\"version\":" + version
                        + ",\"name\":\"thing.happened\",\"data\":{\"line\":" + i + "}}\n");
                }
            }
        }
        Path logDir = dir.resolve("log");
        long killAfter = 1L + random.nextInt(lines / 4);
        Process child = startImport(file, logDir);
        long seen = waitForProgress(child.getErrorStream(), killAfter);
        new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Cli.Result export = Cli.run("export", "--data-dir", logDir.toString());
        assertThat(export.exitCode()).as("seed=%d err=%s", seed, export.err()).isZero();
        List<String> exported = export.lines();
        List<String> fileLines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(exported.size()).as("seed=%d", seed).isGreaterThanOrEqualTo((int) Math.min(seen, lines));
        assertThat(exported.size()).as("seed=%d: the kill came before the end", seed).isLessThan(lines);
        for (int i = 0; i < exported.size(); i++) {
            String e = exported.get(i);
            assertThat(e).as("seed=%d line %d", seed, i).contains("\"seq\":" + (i + 1) + ",");
            assertThat(e).as("seed=%d line %d", seed, i)
                .contains(between(fileLines.get(i), "\"streamId\"", ",\"name\""))
                .contains("\"data\":{\"line\":" + i + "}");
        }
        Cli.Result verify = Cli.run("verify", "--data-dir", logDir.toString());
        assertThat(verify.exitCode()).as("seed=%d %s", seed, verify.err()).isZero();

        // the rest of the file goes in after the prefix, guards and all
        Path rest = dir.resolve("rest.jsonl");
        Files.write(rest, fileLines.subList(exported.size(), fileLines.size()), StandardCharsets.UTF_8);
        Cli.Result resume = Cli.run("import", rest.toString(), "--data-dir", logDir.toString());
        assertThat(resume.exitCode()).as("seed=%d %s", seed, resume.err()).isZero();
        assertThat(Cli.run("export", "--from-seq", Integer.toString(lines), "--data-dir", logDir.toString()).lines())
            .singleElement().asString().contains("\"seq\":" + lines + ",");
    }

    /** The text of {@code s} from {@code from} up to (not including) {@code to}. */
    private static String between(String s, String from, String to) {
        int a = s.indexOf(from);
        return s.substring(a, s.indexOf(to, a));
    }

    private static Process startImport(Path file, Path logDir) throws Exception {
        return new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx512m"), "import", file.toString(),
            "--data-dir", logDir.toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Reads the progress line on stderr until it reports at least {@code events}; returns the last count seen. */
    private static long waitForProgress(InputStream stderr, long events) throws Exception {
        StringBuilder line = new StringBuilder();
        long last = 0;
        int c;
        while ((c = stderr.read()) != -1) {
            if (c == '\r' || c == '\n') {
                Matcher m = PROGRESS.matcher(line);
                if (m.find()) {
                    last = Long.parseLong(m.group(1));
                    if (last >= events) {
                        return last;
                    }
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        throw new AssertionError("import ended before " + events + " events were reported (last " + last + ")");
    }
}
