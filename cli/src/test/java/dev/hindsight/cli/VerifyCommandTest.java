package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import dev.hindsight.testkit.ChildJvm;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir
    Path dir;

    @Test
    void verifyOnAWholeLogExitsWith0AndCountsTheEvents() {
        appendMarkedEvents(3);

        Cli.Result r = Cli.run("verify", "--data-dir", dir.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("ok: 3 events, head seq 3\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void verifyChangesNoFileOfTheLog() throws Exception {
        appendMarkedEvents(50);
        Map<String, String> before = checksums();

        Cli.Result r = Cli.run("verify", "--data-dir", dir.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(checksums()).isEqualTo(before);
    }

    /** Every file under the data directory with its size, modification time and a digest of its bytes. */
    private Map<String, String> checksums() throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                sums.put(dir.relativize(f).toString(), Files.size(f) + " " + Files.getLastModifiedTime(f) + " "
                    + HexFormat.of().formatHex(digest));
            }
        }
        return sums;
    }

    @Test
    void verifyOnAnEmptyLogSaysSo() {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isZero();
        }

        Cli.Result r = Cli.run("verify", "--data-dir", dir.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("ok: 0 events, head seq 0\n");
    }

    @Test
    void verifyOfADamagedRecordExitsWith1AndNamesTheFile() throws IOException {
        appendMarkedEvents(3);
        flipByteOf("marker-2");

        Cli.Result r = Cli.run("verify", "--data-dir", dir.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: log corrupted in ").contains(".cq4").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verifyReportsADamagedLastRecordButLeavesItWhileOtherCommandsCutItBackWithAWarning() throws IOException {
        appendMarkedEvents(3);
        DamagedLogs.tearLastRecord(dir, "marker-3");

        Cli.Result verify = Cli.run("verify", "--data-dir", dir.toString());
        Cli.Result verifyAgain = Cli.run("verify", "--data-dir", dir.toString());
        Cli.Result export = Cli.run("export", "--data-dir", dir.toString());
        Cli.Result verifyAfterRepair = Cli.run("verify", "--data-dir", dir.toString());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains("torn tail", "left by a crash, never acknowledged: an open that "
            + "repairs, by serve, append, import or export, cuts it back and loses nothing acknowledged");
        assertThat(verifyAgain.exitCode()).isEqualTo(1);
        assertThat(export.exitCode()).isZero();
        assertThat(export.err()).startsWith("warning: cut back a torn tail");
        assertThat(export.lines()).hasSize(2);
        assertThat(verifyAfterRepair.out()).isEqualTo("ok: 2 events, head seq 2\n");
    }

    @Test
    void aDamagedLastRecordOfALogClosedCleanlyIsCorruptionForEveryCommandNotATornTailCutBack() throws IOException {
        appendMarkedEvents(3);
        flipByteOf("marker-3"); // the checkpoint of the close says seq 3 was on disk

        Cli.Result export = Cli.run("export", "--data-dir", dir.toString());
        Cli.Result verify = Cli.run("verify", "--data-dir", dir.toString());

        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.err()).startsWith("error: log corrupted in ").contains(".cq4", "names seq 3",
            "index.checkpoint away").doesNotContain("\tat ");
        assertThat(export.out()).isEmpty();
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains("names seq 3");
    }

    /**
     * Given a log whose queue file was cut short after it was closed (its index checkpoint names a record the file no
     * longer holds), when verify reads it (in a process of its own: the read may fault, SIGBUS, which the JVM raises
     * as an InternalError that escaped as a stack trace), then it says what is wrong in one line and exits 1, or, if
     * the cut left whole records, says that the checkpoint was not used.
     */
    @Test
    void verifyOfAQueueFileCutShortSaysSoInOneLineWithoutAStackTrace() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            String pad = "p".repeat(400);
            for (int i = 1; i <= 3_000; i++) {
                log.append("order-" + (i % 50), "order", List.of(NewEvent.of("order.placed",
                    "{\"i\":" + i + ",\"pad\":\"" + pad + "\"}")), ExpectedVersion.any());
            }
        }
        Path queueFile;
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            queueFile = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(queueFile, StandardOpenOption.WRITE)) {
            ch.truncate(1_100_000);
        }

        Process verify = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx256m"), "verify", "--data-dir",
            dir.toString())).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.waitFor()).as(output).isIn(0, 1);
        assertThat(output).doesNotContain("\tat ", "Exception in thread");
        if (verify.exitValue() == 1) {
            assertThat(output).as(output).contains("error: ");
        } else {
            assertThat(output).contains("warning: the index checkpoint was not used: ");
        }
    }

    /** A crash as the log was created can leave it so: Chronicle's warning came with a 20-line stack trace. */
    @Test
    void givenAQueueMetadataFileNeverWritten_whenVerified_thenItSaysOkWithoutChroniclesStackTrace() throws Exception {
        Files.createDirectories(dir.resolve("queue"));
        Files.write(dir.resolve("queue/metadata.cq4t"), new byte[0]);

        Process verify = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx256m"), "verify", "--data-dir",
            dir.toString())).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.waitFor()).as(output).isZero();
        assertThat(output).isEqualTo("ok: 0 events, head seq 0\n");
        assertThat(dir.resolve("queue/metadata.cq4t")).isEmptyFile(); // read-only: nothing written
    }

    @Test
    void verifyOfADirectoryWithoutALogExitsWith2AndCreatesNothing() {
        Cli.Result r = Cli.run("verify", "--data-dir", dir.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --data-dir " + dir + " holds no log: nothing to read (serve, append and "
            + "import create one)\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void verifyOfAMissingDirectoryExitsWith2() {
        Cli.Result r = Cli.run("verify", "--data-dir", dir.resolve("nope").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope").contains("not a directory");
        assertThat(dir.resolve("nope")).doesNotExist();
    }

    private void appendMarkedEvents(int n) {
        DamagedLogs.appendMarkedEvents(dir, n);
    }

    private void flipByteOf(String marker) throws IOException {
        DamagedLogs.flipByteOf(dir, marker);
    }
}
