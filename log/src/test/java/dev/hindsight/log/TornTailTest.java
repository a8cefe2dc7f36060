package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A log file cut short mid-record (a torn tail) is cut back on open; damage anywhere else stops the open. */
class TornTailTest {

    @TempDir
    Path dir;

    private void givenEvents(int n) {
        givenEvents(1, n);
    }

    /** Appends events {@code from} to {@code to} (their data marked with their number) and closes the log cleanly. */
    private void givenEvents(int from, int to) {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            for (int i = from; i <= to; i++) {
                log.append("order-" + (i % 3), "order", List.of(NewEvent.of("order.placed",
                    "{\"marker\":\"event-" + i + "-" + "z".repeat(100) + "\"}")), ExpectedVersion.any());
            }
        }
    }

    /**
     * Cuts the queue file in the middle of the data of event {@code i}, as a crash in its append leaves it: without
     * the index checkpoint of the clean close {@link #givenEvents} made, which would prove the event was on disk.
     */
    private void truncateInsideEvent(int i) throws IOException {
        Files.delete(dir.resolve(IndexCheckpointDescriptor.FILE_NAME));
        Path file = queueFile();
        long at = positionOf(file, "event-" + i + "-");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(at + 20);
        }
    }

    private Path queueFile() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /**
     * Where {@code file}'s last record begins, as its header says: the first of the write position's longs, at byte
     * 0x40 of a queue file this Chronicle writes (QueueFileHeaders draws the header).
     */
    private static long lastRecordStart(Path file) throws IOException {
        byte[] b = new byte[Long.BYTES];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(0x40);
            raf.readFully(b);
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Overwrites the 4 KiB page from {@code at} with zeros, as a lost page leaves it; returns what was there. */
    private static byte[] zeroPage(Path file, long at) throws IOException {
        byte[] kept = new byte[4096];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.readFully(kept);
        }
        write(file, at, new byte[kept.length]);
        return kept;
    }

    private static void write(Path file, long at, byte[] bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(bytes);
        }
    }

    static long positionOf(Path file, String text) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = bytes.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(text + " not found in " + file);
    }

    /**
     * What a crash in the middle of an append of {@code written + 1} events leaves: its first {@code written} records
     * (of stream {@code streamId}, from {@code firstSeq} and {@code firstVersion}), and not its last one; the wall
     * clock {@code now} moves on by {@code stepMillis} after each.
     */
    private void writeTornAppend(LogConfig config, String streamId, long firstSeq, long firstVersion, int written,
                                 AtomicLong now, long stepMillis) {
        try (QueueStore store = new QueueStore(dir.resolve("queue"), config.blockSizeBytes(), now::get, false)) {
            RecordEncoder encoder = new RecordEncoder();
            byte[] name = "a.b".getBytes(StandardCharsets.UTF_8);
            byte[] data = "{}".getBytes(StandardCharsets.UTF_8);
            byte[] sid = streamId.getBytes(StandardCharsets.UTF_8);
            byte[] type = "thing".getBytes(StandardCharsets.UTF_8);
            PreparedEvent event = new PreparedEvent(name, data, null, 1,
                RecordDescriptor.eventLength(sid.length, type.length, name.length, data.length, -1));
            for (int i = 0; i < written; i++) {
                int len = encoder.encodeEvent(firstSeq + i, firstVersion + i, now.get(), 0, i, written - i,
                    Source.API, sid, type, event, null);
                store.append(encoder.array(), len);
                now.addAndGet(stepMillis);
            }
        }
    }

    @Test
    void givenFileCutInsideLastRecord_whenOpened_thenTailIsCutBackAndReported() throws IOException {
        givenEvents(10);
        truncateInsideEvent(10);

        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.recovery().repaired()).isTrue();
            assertThat(log.recovery().tornDetail()).contains("damaged last record", ".cq4");
            assertThat(log.headSeq()).isEqualTo(9);
            assertThat(log.readAll(1, 100, null)).extracting(e -> e.data().substring(11, 19))
                .containsExactly("event-1-", "event-2-", "event-3-", "event-4-", "event-5-", "event-6-", "event-7-",
                    "event-8-", "event-9-");

            AppendResult next = log.append("order-1", "order", List.of(NewEvent.of("order.paid", "{\"after\":1}")),
                ExpectedVersion.any());
            assertThat(next.lastSeq()).isEqualTo(10);
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.recovery().repaired()).as("the cut is remembered, not found again").isFalse();
            assertThat(log.headSeq()).isEqualTo(10);
            assertThat(log.readAll(10, 1, null)).singleElement()
                .satisfies(e -> assertThat(e.data()).isEqualTo("{\"after\":1}"));
        }
    }

    /**
     * A file cut short before its last record (an interrupted copy, a truncation by hand), with or without the index
     * checkpoint: the records after the cut were acknowledged, so the open fails naming the file, and writes nothing
     * (the file keeps its length). Chronicle grew such a file back to its full size with zeros, the records after
     * the cut read as the queue's end, and every command opened the log without them and said nothing; a server then
     * appended where no later open could follow.
     */
    @ParameterizedTest(name = "checkpoint {0}, cut {1}")
    @CsvSource({"true, before", "false, before", "false, at", "false, inside its header"})
    void givenAFileCutShortBeforeItsLastRecord_whenOpened_thenFailsNamingTheFileAndWritesNothing(boolean checkpoint,
            String where) throws IOException {
        givenEvents(10);
        if (!checkpoint) {
            Files.delete(dir.resolve(IndexCheckpointDescriptor.FILE_NAME));
        }
        Path file = queueFile();
        long last = lastRecordStart(file);
        assertThat(positionOf(file, "event-10-") - last).as("the header's write position: event 10's record")
            .isBetween(1L, 200L);
        long cut = switch (where) {
            case "before" -> positionOf(file, "event-5-") - 40;
            case "at" -> last; // the last record whole gone, and nothing of it to tell a torn tail by
            default -> last + 2;
        };
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(cut);
        }

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
            .isInstanceOf(LogCorruptedException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("cut short");
        assertThat(Files.size(file)).as("nothing written").isEqualTo(cut);
        assertThatThrownBy(() -> EventLog.open(LogConfig.builder().dataDir(dir).readOnly(true).build()))
            .as("read-only too").isInstanceOf(LogCorruptedException.class);
    }

    /**
     * One bit of a queue file's header past the bytes checked before Chronicle opens it (where its store's fields
     * are): the open failed with Chronicle's bare {@code java.lang.IllegalArgumentException}, naming nothing.
     */
    @ParameterizedTest(name = "byte {0}")
    @ValueSource(ints = {0x2b, 0x30})
    void givenAQueueFilesHeaderDamagedInItsFields_whenOpened_thenTheFailureNamesTheQueueAndWhatToDo(int at)
            throws IOException {
        givenEvents(3);
        Path file = queueFile();
        byte[] b = new byte[1];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.readFully(b);
            raf.seek(at);
            raf.write(b[0] ^ 0x01);
        }

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
            .isInstanceOf(EventLogException.class)
            .hasMessageContaining(dir.resolve("queue").toString())
            .hasMessageContaining("restore it from a backup");
    }

    /** Chronicle opens a damaged metadata.cq4t for reading only, and the failure blamed permissions alone. */
    @Test
    void givenAMetadataFileCutShort_whenOpenedForWriting_thenTheFailureNamesItBesidePermissions() throws IOException {
        givenEvents(3);
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("queue").resolve("metadata.cq4t").toFile(),
                "rw")) {
            raf.setLength(100);
        }

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
            .isInstanceOf(EventLogException.class)
            .hasMessageContaining("metadata.cq4t");
    }

    @Test
    void givenTornTailAndRepairOff_whenOpened_thenFailsNamingTheFile() throws IOException {
        givenEvents(5);
        truncateInsideEvent(5);

        assertThatThrownBy(() -> EventLog.open(LogConfig.builder().dataDir(dir).repairTornTail(false).build()))
            .isInstanceOf(LogCorruptedException.class)
            .hasMessageContaining("torn tail")
            .hasMessageContaining(".cq4");
    }

    @Test
    void givenDamagedRecordInTheMiddle_whenOpenedWithoutCheckpoint_thenFailsNamingFileAndPosition()
        throws IOException {
        givenEvents(10);
        Files.delete(dir.resolve(IndexCheckpointDescriptor.FILE_NAME)); // the open scans every record
        Path file = queueFile();
        long at = positionOf(file, "event-4-");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + 10);
            raf.write('Q');
        }

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
            .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                assertThat(e.file()).isEqualTo(file.toString());
                assertThat(e.getMessage()).contains("checksum mismatch", "records follow it");
            });
        // nothing was cut: with the byte restored the log opens whole
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + 10);
            raf.write('z');
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isEqualTo(10);
            assertThat(log.recovery().repaired()).isFalse();
        }
    }

    @Test
    void givenAVoidRecordNamingExcerptZeroAsEarlierBuildsWroteForAFailedWrite_whenOpened_thenItVoidsNothing()
        throws IOException {
        givenEvents(3);
        Files.delete(dir.resolve(IndexCheckpointDescriptor.FILE_NAME)); // as after the failed append's crash or kill
        LogConfig config = LogConfig.at(dir);
        try (QueueStore store = new QueueStore(dir.resolve("queue"), config.blockSizeBytes(),
            System::currentTimeMillis, false)) {
            RecordEncoder encoder = new RecordEncoder();
            store.append(encoder.array(), encoder.encodeVoid(0, 2));
        }

        try (EventLog log = EventLog.open(config)) {
            assertThat(log.headSeq()).isEqualTo(3);
            assertThat(log.recovery().repaired()).isFalse();
            assertThat(log.append("order-1", "order", List.of(NewEvent.of("order.paid", "{}")),
                ExpectedVersion.any()).lastSeq()).isEqualTo(4);
        }
        try (EventLog log = EventLog.open(config)) {
            assertThat(log.readAll(1, 10, null)).hasSize(4);
        }
    }

    @Test
    void givenZeroedBytesInTheMiddleBeforeTheCheckpoint_whenOpened_thenFailsNamingFileAndPositionAndCutsNothing()
        throws IOException {
        givenEvents(100);
        Path file = queueFile();
        // event 10's excerpt from Chronicle's 4-byte header on (then our 72-byte header and "order-1", "order",
        // "order.placed" before its data): a header of zeros reads as the end of the queue
        long at = positionOf(file, "{\"marker\":\"event-10-") - 100;
        byte[] kept = zeroPage(file, at);

        // the checkpoint of the clean close proves the records after the zeros were on disk: no torn tail to cut
        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
            .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                assertThat(e.file()).isEqualTo(file.toString());
                assertThat(e.getMessage()).contains("the queue ends after this record", "(seq 100",
                    "damaged or missing");
            });
        write(file, at, kept);
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.recovery().repaired()).isFalse();
            assertThat(log.readAll(1, 200, null)).hasSize(100);
        }
    }

    @ParameterizedTest(name = "an older checkpoint before the hole: {0}")
    @ValueSource(booleans = {false, true})
    void givenZeroedBytesInTheMiddleWithNoCheckpointOverThem_whenOpened_thenFailsAndCutsNothing(boolean olderCheckpoint)
        throws IOException {
        givenEvents(1, 20);
        Path checkpoint = dir.resolve(IndexCheckpointDescriptor.FILE_NAME);
        byte[] atTwenty = Files.readAllBytes(checkpoint);
        givenEvents(21, 100);
        // what a kill -9 after event 100 leaves: the checkpoint of an earlier clean close, or none at all
        if (olderCheckpoint) {
            Files.write(checkpoint, atTwenty);
        } else {
            Files.delete(checkpoint);
        }
        Path file = queueFile();
        long at = positionOf(file, "{\"marker\":\"event-50-") - 100;
        byte[] kept = zeroPage(file, at);

        // Chronicle reads the zeros as the queue's end; taken for a torn tail, the 51 events after them were cut back,
        // and the next appends were written behind the hole, lost at the open after
        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
            .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                assertThat(e.file()).isEqualTo(file.toString());
                assertThat(e.getMessage()).contains("the queue reads as ending here", "index names records after it",
                    "restore the log from a backup");
            });
        assertThatThrownBy(() -> EventLog.open(LogConfig.builder().dataDir(dir).readOnly(true).build()))
            .as("verify's read-only open").isInstanceOf(LogCorruptedException.class)
            .hasMessageContaining("index names records after it");
        write(file, at, kept);
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.recovery().repaired()).isFalse();
            assertThat(log.readAll(1, 200, null)).hasSize(100);
        }
    }

    @Test
    void givenDamagedRecordBeforeTheCheckpoint_whenOpened_thenFailsNamingFileAndPosition() throws IOException {
        givenEvents(10);
        Path file = queueFile();
        long at = positionOf(file, "event-4-");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + 10);
            raf.write('Q');
        }

        // SPEC §1: corruption anywhere but the tail stops the open, checkpoint or not (CheckpointCoverage)
        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
            .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                assertThat(e.file()).isEqualTo(file.toString());
                assertThat(e.getMessage()).contains("checksum mismatch", "records follow it");
            });
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + 10);
            raf.write('z');
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.recovery().checkpointSeq()).as("the checkpoint still used").isEqualTo(10);
            assertThat(log.readAll(1, 10, null)).hasSize(10);
        }
    }

    @Test
    void givenATornAppendAcrossTheDailyRoll_whenOpened_thenItsRecordsAreCountedAndCutBack() throws IOException {
        AtomicLong now =
            new AtomicLong(Instant.parse("2026-11-29T23:59:59Z").toEpochMilli());
        LogConfig config = LogConfig.builder().dataDir(dir).wallClockMillis(now::get).build();
        try (EventLog log = EventLog.open(config)) {
            log.append("s-1", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.any());
        }
        // a crash in the middle of a three-event append that crossed midnight: two records, in two files
        writeTornAppend(config, "s-2", 2, 1, 2, now, 2_000); // past midnight after the first record
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".cq4"))).hasSize(2);
        }

        try (EventLog log = EventLog.open(config)) {
            assertThat(log.recovery().repaired()).isTrue();
            assertThat(log.recovery().tornRecords()).isEqualTo(2);
            assertThat(log.recovery().tornDetail()).contains("2 records of an unfinished append to stream 's-2'");
            assertThat(log.headSeq()).isEqualTo(1);
            assertThat(log.append("s-2", "thing", List.of(NewEvent.of("a.c", "{}")), ExpectedVersion.noStream())
                .lastSeq()).isEqualTo(2);
        }
        try (EventLog log = EventLog.open(config)) {
            assertThat(log.recovery().repaired()).isFalse();
            assertThat(log.headSeq()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "index checkpoint kept: {0}")
    @ValueSource(booleans = {true, false})
    void givenATornAppendToAnExistingStream_whenOpened_thenItsGuardSeesTheVersionReadersSee(boolean checkpoint)
            throws IOException {
        LogConfig config = LogConfig.at(dir);
        try (EventLog log = EventLog.open(config)) {
            for (int i = 0; i < 3; i++) {
                log.append("s-1", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.of(i));
            }
        }
        if (!checkpoint) {
            Files.delete(dir.resolve(IndexCheckpointDescriptor.FILE_NAME)); // the open scans every record
        }
        // a crash in the middle of a three-event append to s-1: its first two records are in the queue
        writeTornAppend(config, "s-1", 4, 4, 2, new AtomicLong(System.currentTimeMillis()), 0);

        try (EventLog log = EventLog.open(config)) {
            assertThat(log.recovery().tornRecords()).isEqualTo(2);
            assertThat(log.recovery().checkpointSeq()).as("the index read from the checkpoint up to")
                .isEqualTo(checkpoint ? 3 : 0);
            assertThat(log.streamInfo("s-1")).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(3));
            AppendResult next = log.append("s-1", "thing", List.of(NewEvent.of("a.c", "{}")),
                ExpectedVersion.exactly(3));
            assertThat(next.events()).singleElement().satisfies(e -> {
                assertThat(e.version()).isEqualTo(4);
                assertThat(e.seq()).isEqualTo(4);
            });
        }
    }
}
