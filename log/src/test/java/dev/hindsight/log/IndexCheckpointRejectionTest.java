package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint that cannot be trusted is set aside with the reason in {@link RecoveryReport#checkpointProblem()} and
 * the whole log is scanned: the open never fails because of it, and the indexes are those of a full scan.
 */
class IndexCheckpointRejectionTest {

    @TempDir
    Path dir;

    private Path checkpoint(Path logDir) {
        return logDir.resolve(IndexCheckpointDescriptor.FILE_NAME);
    }

    /** A log of {@code n} events over three streams, closed: its checkpoint is at seq {@code n}. */
    private Path givenClosedLog(String name, int n) {
        Path logDir = dir.resolve(name);
        try (EventLog log = EventLog.open(LogConfig.at(logDir))) {
            append(log, 1, n);
        }
        return logDir;
    }

    private static void append(EventLog log, int from, int to) {
        for (int i = from; i <= to; i++) {
            log.append("order-" + (i % 3), "order", List.of(NewEvent.of("order.placed",
                "{\"marker\":\"event-" + i + "-" + "z".repeat(100) + "\"}")), ExpectedVersion.any());
        }
    }

    /** Opens the log and checks that it was scanned whole, for {@code reason}, and holds what a full scan finds. */
    private void assertFullScanBecause(Path logDir, long head, String... reason) throws IOException {
        List<String> expected = fullScan(logDir);
        try (EventLog log = EventLog.open(LogConfig.at(logDir))) {
            assertThat(log.recovery().checkpointSeq()).isZero();
            assertThat(log.recovery().checkpointProblem()).contains(reason);
            assertThat(log.headSeq()).isEqualTo(head);
            assertThat(IndexCheckpointTest.observe(log)).isEqualTo(expected);
        }
        try (EventLog log = EventLog.open(LogConfig.at(logDir))) {
            assertThat(log.recovery().checkpointSeq()).as("the close replaced the bad checkpoint").isEqualTo(head);
        }
    }

    private List<String> fullScan(Path logDir) throws IOException {
        Path copy = IndexCheckpointTest.copy(logDir, dir.resolve("full-" + logDir.getFileName()));
        Files.deleteIfExists(checkpoint(copy));
        try (EventLog log = EventLog.open(LogConfig.at(copy))) {
            return IndexCheckpointTest.observe(log);
        }
    }

    @Test
    void aClosedLogOpensFromItsCheckpointWithoutScanningItsRecords() {
        Path logDir = givenClosedLog("log", 10);
        try (EventLog log = EventLog.open(LogConfig.at(logDir))) {
            assertThat(log.recovery().checkpointSeq()).isEqualTo(10);
            assertThat(log.recovery().checkpointProblem()).isNull();
            assertThat(log.streamInfo("order-1")).get().extracting(StreamInfo::version).isEqualTo(4L);
        }
    }

    @Test
    void aMissingCheckpointIsReportedAndTheLogScanned() throws IOException {
        Path logDir = givenClosedLog("log", 10);
        Files.delete(checkpoint(logDir));
        assertFullScanBecause(logDir, 10, "there is no index checkpoint");
    }

    @Test
    void anEmptyLogWithoutCheckpointIsNoProblem() {
        try (EventLog log = EventLog.open(LogConfig.at(dir.resolve("log")))) {
            assertThat(log.recovery().checkpointProblem()).isNull();
        }
        assertThat(checkpoint(dir.resolve("log"))).doesNotExist();
    }

    @Test
    void aCheckpointWithAFlippedByteIsRejectedByItsChecksum() throws IOException {
        Path logDir = givenClosedLog("log", 10);
        try (RandomAccessFile raf = new RandomAccessFile(checkpoint(logDir).toFile(), "rw")) {
            long at = raf.length() - 20; // inside the last stream's seqs
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x10);
        }
        assertFullScanBecause(logDir, 10, "damaged (checksum mismatch)");
    }

    @Test
    void aCheckpointCutShortIsRejected() throws IOException {
        Path logDir = givenClosedLog("log", 10);
        try (RandomAccessFile raf = new RandomAccessFile(checkpoint(logDir).toFile(), "rw")) {
            raf.setLength(raf.length() - 9);
        }
        assertFullScanBecause(logDir, 10, "cut short");
    }

    @Test
    void aCheckpointOfAnUnknownLayoutVersionIsRejected() throws IOException {
        Path logDir = givenClosedLog("log", 10);
        try (RandomAccessFile raf = new RandomAccessFile(checkpoint(logDir).toFile(), "rw")) {
            raf.seek(IndexCheckpointDescriptor.LAYOUT_VERSION_OFFSET);
            raf.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(99).array());
        }
        assertFullScanBecause(logDir, 10, "layout version 99");
    }

    @Test
    void aCheckpointOfAnotherLogIsRejectedByItsHeadRecord() throws IOException {
        Path logDir = givenClosedLog("log", 10);
        Path other = givenClosedLog("other", 10); // same seqs, streams and excerpts; other eventIds and times
        Files.copy(checkpoint(other), checkpoint(logDir), StandardCopyOption.REPLACE_EXISTING);
        assertFullScanBecause(logDir, 10, "holds another record (seq 10)", "from another log");
    }

    @Test
    void aCheckpointAheadOfTheLogFailsTheOpenNamingWhatIsMissingAndOpensOnceMovedAway() throws IOException {
        Path logDir = givenClosedLog("log", 5);
        Path before = IndexCheckpointTest.copy(logDir, dir.resolve("before"));
        try (EventLog log = EventLog.open(LogConfig.at(logDir))) {
            append(log, 6, 10);
        }
        // the log restored from a copy older than the checkpoint: the checkpoint says seqs 6..10 were on disk
        Files.copy(checkpoint(logDir), checkpoint(before), StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> EventLog.open(LogConfig.at(before)))
            .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                assertThat(e.file()).endsWith(".cq4");
                assertThat(e.getMessage()).contains("names seq 10", "end at seq 5", "move " + checkpoint(before));
            });
        Files.move(checkpoint(before), dir.resolve("moved-away"));
        assertFullScanBecause(before, 5, "there is no index checkpoint");
    }

    @Test
    void aCheckpointBehindTheLogIsUsedAndOnlyTheRecordsAfterItAreScanned() throws IOException {
        Path logDir = givenClosedLog("log", 10);
        Path crashed;
        try (EventLog log = EventLog.open(LogConfig.at(logDir))) {
            append(log, 11, 15);
            crashed = IndexCheckpointTest.copy(logDir, dir.resolve("crashed")); // as if killed before close
        }
        List<String> expected = fullScan(crashed);
        try (EventLog log = EventLog.open(LogConfig.at(crashed))) {
            assertThat(log.recovery().checkpointSeq()).isEqualTo(10);
            assertThat(log.recovery().checkpointProblem()).isNull();
            assertThat(log.headSeq()).isEqualTo(15);
            assertThat(IndexCheckpointTest.observe(log)).isEqualTo(expected);
        }
    }

    @Test
    void aTornTailAfterTheCheckpointIsCutBackAsWithoutIt() throws IOException {
        Path logDir = givenClosedLog("log", 5);
        Path crashed;
        try (EventLog log = EventLog.open(LogConfig.at(logDir))) {
            append(log, 6, 8);
            crashed = IndexCheckpointTest.copy(logDir, dir.resolve("crashed"));
        }
        Path file = queueFile(crashed);
        long at = TornTailTest.positionOf(file, "event-8-");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(at + 20);
        }
        try (EventLog log = EventLog.open(LogConfig.at(crashed))) {
            assertThat(log.recovery().checkpointSeq()).isEqualTo(5);
            assertThat(log.recovery().repaired()).isTrue();
            assertThat(log.recovery().tornDetail()).contains("damaged last record");
            assertThat(log.headSeq()).isEqualTo(7);
        }
        List<String> expected = fullScan(crashed);
        try (EventLog log = EventLog.open(LogConfig.at(crashed))) {
            assertThat(log.recovery().repaired()).as("the cut is remembered").isFalse();
            assertThat(IndexCheckpointTest.observe(log)).isEqualTo(expected);
        }
    }

    @Test
    void aCheckpointsHeadRecordCutShortFailsTheOpenNotCutBackAsATornTail() throws IOException {
        Path logDir = givenClosedLog("log", 5);
        Path file = queueFile(logDir);
        long at = TornTailTest.positionOf(file, "event-5-");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(at + 20);
        }
        // a crash leaves no checkpoint naming its torn record: this one was written after seq 5 was on disk
        assertThatThrownBy(() -> EventLog.open(LogConfig.at(logDir)))
            .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                assertThat(e.file()).isEqualTo(file.toString());
                assertThat(e.getMessage()).contains("names seq 5", "end at seq 4", "acknowledged records");
            });
    }

    @Test
    void aReadOnlyOpenReadsTheCheckpointAndChangesNoFile() throws IOException {
        Path logDir = givenClosedLog("log", 10);
        Path file = checkpoint(logDir);
        byte[] before = Files.readAllBytes(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        try (EventLog log = EventLog.open(LogConfig.builder().dataDir(logDir).readOnly(true).build())) {
            assertThat(log.recovery().checkpointSeq()).isEqualTo(10);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(FileTime.fromMillis(1_000_000_000_000L));
        assertThat(logDir.resolve(IndexCheckpointDescriptor.TEMP_FILE_NAME)).doesNotExist();

        Files.delete(file);
        try (EventLog log = EventLog.open(LogConfig.builder().dataDir(logDir).readOnly(true).build())) {
            assertThat(log.recovery().checkpointSeq()).isZero();
        }
        assertThat(file).as("a read-only open writes no checkpoint").doesNotExist();
    }

    private static Path queueFile(Path logDir) throws IOException {
        try (Stream<Path> files = Files.list(logDir.resolve("queue"))) {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }
}
