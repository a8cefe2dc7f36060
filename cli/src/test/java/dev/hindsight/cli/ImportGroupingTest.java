package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.RecordedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import appends lines of many streams in groups of {@link ImportGroup#MAX_LINES}, read on a second thread; the
 * outcome must be that of appending the lines one by one, in file order, whatever the stream order of the file.
 */
class ImportGroupingTest {

    private static final int STREAMS = 50;

    @TempDir
    Path tmp;

    @Test
    void linesOfManyStreamsInRandomOrderWithVersionsAreAllImportedInFileOrder() throws IOException {
        long seed = Long.getLong("hindsight.import.seed", System.nanoTime());
        List<String> lines = randomOrder(new Random(seed), 3 * ImportGroup.MAX_LINES + 17);
        Path dir = tmp.resolve("log");

        Cli.Result r = Cli.run("import", write(lines).toString(), "--data-dir", dir.toString());

        assertThat(r.exitCode()).as("seed=%d %s", seed, r.err()).isZero();
        assertThat(r.err()).as("seed=%d", seed).contains("imported " + lines.size() + " events");
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            List<RecordedEvent> all = log.readAll(1, lines.size() + 1, null);
            assertThat(all).hasSize(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                RecordedEvent e = all.get(i);
                assertThat(lines.get(i)).as("seed=%d line %d", seed, i + 1)
                    .contains("\"streamId\":\"" + e.streamId() + "\"").contains("\"version\":" + e.version() + ",")
                    .contains("\"data\":" + e.data());
            }
        }
    }

    @Test
    void aVersionConflictInTheMiddleOfAGroupNamesItsLineWithEveryLineBeforeItImported() throws IOException {
        long seed = Long.getLong("hindsight.import.seed", System.nanoTime());
        List<String> lines = randomOrder(new Random(seed), 3 * ImportGroup.MAX_LINES);
        // line 1500 claims a version its stream already has: a conflict half way into the second group
        int bad = 1500;
        String line = lines.get(bad - 1);
        lines.set(bad - 1, line.replaceFirst("\"version\":\\d+,", "\"version\":1,"));
        assertThat(lines.get(bad - 1)).isNotEqualTo(line);
        Path dir = tmp.resolve("log");

        Cli.Result r = Cli.run("import", write(lines).toString(), "--data-dir", dir.toString());

        assertThat(r.exitCode()).as("seed=%d %s", seed, r.err()).isEqualTo(3);
        assertThat(r.err()).as("seed=%d", seed).contains("error: line " + bad + ": version conflict on stream")
            .contains("imported " + (bad - 1) + " events before the error");
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            List<RecordedEvent> all = log.readAll(1, lines.size(), null);
            assertThat(all).hasSize(bad - 1);
            assertThat(lines.get(bad - 2)).contains("\"data\":" + all.get(bad - 2).data());
        }
    }

    @Test
    void aBadLineInALaterGroupStopsThereAfterEveryLineBeforeItIsImported() throws IOException {
        long seed = Long.getLong("hindsight.import.seed", System.nanoTime());
        List<String> lines = randomOrder(new Random(seed), 4 * ImportGroup.MAX_LINES);
        int bad = 2 * ImportGroup.MAX_LINES + 321;
        lines.set(bad - 1, "{\"streamId\":\"s-1\",");
        Path dir = tmp.resolve("log");

        Cli.Result r = Cli.run("import", write(lines).toString(), "--data-dir", dir.toString());

        assertThat(r.exitCode()).as("seed=%d %s", seed, r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error: line " + bad + ": not valid JSON")
            .contains("imported " + (bad - 1) + " events before the error");
        assertThat(Cli.run("export", "--data-dir", dir.toString()).lines()).hasSize(bad - 1);
    }

    /** {@code n} lines of {@link #STREAMS} streams in random order, each stream's versions consecutive from 1. */
    private static List<String> randomOrder(Random random, int n) {
        long[] versions = new long[STREAMS];
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int s = random.nextInt(STREAMS);
            long version = ++versions[s];
            lines.add("{\"streamId\":\"s-" + s + "\",\"entityType\":\"thing\",\"version\":" + version
                + ",\"name\":\"thing.happened\",\"data\":{\"line\":" + (i + 1) + "}}");
        }
        return lines;
    }

    private Path write(List<String> lines) throws IOException {
        Path file = Files.createTempFile(tmp, "in", ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
