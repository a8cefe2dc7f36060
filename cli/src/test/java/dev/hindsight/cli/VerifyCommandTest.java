package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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
        flipByteOf("marker-3");

        Cli.Result verify = Cli.run("verify", "--data-dir", dir.toString());
        Cli.Result verifyAgain = Cli.run("verify", "--data-dir", dir.toString());
        Cli.Result export = Cli.run("export", "--data-dir", dir.toString());
        Cli.Result verifyAfterRepair = Cli.run("verify", "--data-dir", dir.toString());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains("torn tail");
        assertThat(verifyAgain.exitCode()).isEqualTo(1);
        assertThat(export.exitCode()).isZero();
        assertThat(export.err()).startsWith("warning: cut back a torn tail");
        assertThat(export.lines()).hasSize(2);
        assertThat(verifyAfterRepair.out()).isEqualTo("ok: 2 events, head seq 2\n");
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
