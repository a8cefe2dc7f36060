package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A queue file damaged as a whole (its header overwritten, the file cut to nothing with newer ones after it, a file of
 * other bytes beside the log's) stops the open, for writing and for {@code verify}'s reading, naming the file (SPEC
 * §1: never skipped silently); the newest file with no header at all is what a crash leaves as Chronicle creates it,
 * a torn tail: moved aside on a writable open, refused by {@code verify}. Chronicle waited for ever for an emptied
 * file's header, failed a damaged one with a class name and no file (and {@code verify} then waited for ever to
 * close), and passed a foreign file over. The timeout is a guard against those waits coming back, not a
 * synchronisation.
 */
@Timeout(120)
class QueueFileDamageTest {

    @TempDir
    Path dir;

    private Path givenEventsInOneQueueFile() throws IOException {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            for (int i = 1; i <= 20; i++) {
                log.append("order-" + (i % 3), "order", List.of(NewEvent.of("order.placed", "{\"i\":" + i + "}")),
                    ExpectedVersion.any());
            }
        }
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static LogConfig config(Path dir, boolean readOnly) {
        return LogConfig.builder().dataDir(dir).readOnly(readOnly).build();
    }

    @ParameterizedTest(name = "read-only {0}")
    @ValueSource(booleans = {false, true})
    void givenAQueueFilesHeaderOverwritten_whenOpened_thenItFailsNamingTheFileAndOpensOnceRestored(boolean readOnly)
            throws IOException {
        Path file = givenEventsInOneQueueFile();
        byte[] original = new byte[4];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(20); // inside the store's type name, "SCQStore"
            raf.readFully(original);
            raf.seek(20);
            raf.write("XXXX".getBytes(StandardCharsets.US_ASCII));
        }

        assertThatThrownBy(() -> EventLog.open(config(dir, readOnly)).close())
            .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                assertThat(e.file()).isEqualTo(file.toString());
                assertThat(e.index()).isEqualTo(-1);
                assertThat(e.getMessage()).contains("header is damaged");
            });
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(20);
            raf.write(original);
        }
        try (EventLog log = EventLog.open(config(dir, readOnly))) {
            assertThat(log.headSeq()).isEqualTo(20);
        }
    }

    @Test
    void givenANewestQueueFileWithNoHeader_whenOpenedForWriting_thenItIsATornTailMovedAsideAndTheLogGoesOn()
            throws IOException {
        givenEventsInOneQueueFile();
        // what a kill -9 leaves as Chronicle creates the next day's file: the file, and no header in it yet
        Path torn = dir.resolve("queue").resolve("20991231F.cq4");
        Files.write(torn, new byte[0]);

        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isEqualTo(20);
            assertThat(log.recovery().repaired()).isTrue();
            assertThat(log.recovery().tornDetail()).contains("moved aside", torn.getFileName().toString());
            log.append("order-9", "order", List.of(NewEvent.of("order.placed", "{}")), ExpectedVersion.any());
        }
        assertThat(torn).doesNotExist();
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.startsWith("20991231F.cq4.no-header-"));
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isEqualTo(21);
            assertThat(log.recovery().repaired()).isFalse();
        }
    }

    /** A kill -9 caught it so (a crash hunt, 3 of 30 early kills): the log opened nowhere again, "header damaged". */
    @Test
    void givenANewestQueueFileWhoseHeaderWasClaimedButNotFinished_whenOpenedForWriting_thenItIsATornTailMovedAside()
            throws IOException {
        givenEventsInOneQueueFile();
        Path torn = dir.resolve("queue").resolve("20991231F.cq4");
        byte[] claimed = new byte[1 << 16]; // sparse at its full size in life; the header's word only, not complete
        claimed[3] = (byte) 0x80;
        Files.write(torn, claimed);

        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isEqualTo(20);
            assertThat(log.recovery().tornDetail()).contains("moved aside", torn.getFileName().toString());
            log.append("order-9", "order", List.of(NewEvent.of("order.placed", "{}")), ExpectedVersion.any());
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isEqualTo(21);
        }
        // claimed, its text partly written, its length not yet: a crash a moment later; it holds no event either
        byte[] partly = "\u0000\u0000header: SCQS".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(partly, 0, claimed, 4, partly.length);
        Files.write(torn, claimed);
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.recovery().tornDetail()).contains("moved aside", torn.getFileName().toString());
            assertThat(log.headSeq()).isEqualTo(21);
        }
    }

    @Test
    void givenANewestQueueFileWithNoHeader_whenVerifiedReadOnly_thenItIsATornTailNamed() throws IOException {
        givenEventsInOneQueueFile();
        Path torn = dir.resolve("queue").resolve("20991231F.cq4");
        Files.write(torn, new byte[4096]); // created at its size, the header's word still zero

        assertThatThrownBy(() -> EventLog.open(config(dir, true)).close())
            .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                assertThat(e.file()).isEqualTo(torn.toString());
                assertThat(e.getMessage()).contains("torn tail");
            });
        assertThat(torn).exists();
    }

    @Test
    void givenAQueueFileCutToNothingWithNewerOnes_whenOpened_thenItFailsNamingItInsteadOfWaitingForItsHeader()
            throws IOException {
        Path file = givenEventsInOneQueueFile();
        Files.copy(file, dir.resolve("queue").resolve("20991231F.cq4"));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(0);
        }

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)).close())
            .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                assertThat(e.file()).isEqualTo(file.toString());
                assertThat(e.getMessage()).contains("no header", "newer ones follow it");
            });
    }

    /** A copy beside a day's file failed on Chronicle's date parser (or, empty, was renamed as a torn tail). */
    @ParameterizedTest(name = "read-only {0}")
    @ValueSource(booleans = {false, true})
    void givenAStrayFileOrAPipeNamedLikeAQueueFile_whenOpened_thenItIsRefusedNamingIt(boolean readOnly)
            throws Exception {
        Path file = givenEventsInOneQueueFile();
        Path copy = Files.copy(file, file.resolveSibling("old " + file.getFileName()));
        assertThatThrownBy(() -> EventLog.open(config(dir, readOnly)).close())
            .isInstanceOf(StorageException.class).hasMessageContaining(copy + " is not one of the log's queue files");
        Files.delete(copy);

        Path pipe = dir.resolve("queue").resolve("20991231F.cq4");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> EventLog.open(config(dir, readOnly)).close()) // verify waited for ever on it
            .isInstanceOf(StorageException.class).hasMessageContaining(pipe + " is not a regular file");
        Files.delete(pipe);
        try (EventLog log = EventLog.open(config(dir, readOnly))) {
            assertThat(log.headSeq()).isEqualTo(20);
        }
    }

    @Test
    void givenAFileWhereTheQueueDirectoryGoes_whenOpenedForWriting_thenItIsRefusedNamingIt() throws IOException {
        Files.createDirectories(dir);
        Path queue = Files.writeString(dir.resolve("queue"), "notes");

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)).close()) // was Chronicle's "Invalid file type: queue"
            .isInstanceOf(StorageException.class).hasMessageContaining(queue + " is not a directory");
        assertThat(queue).hasContent("notes");
    }

    @Test
    void givenAFileOfOtherBytesAmongTheQueueFiles_whenOpened_thenItFailsNamingItInsteadOfPassingItOver()
            throws IOException {
        givenEventsInOneQueueFile();
        Path foreign = dir.resolve("queue").resolve("20991231F.cq4");
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        noise[0] = 1; // not taken for an empty header
        noise[3] |= (byte) 0x80; // nor, with no header text after it, for one Chronicle claimed and did not finish
        Files.write(foreign, noise);

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)).close())
            .isInstanceOfSatisfying(LogCorruptedException.class,
                e -> assertThat(e.file()).isEqualTo(foreign.toString()));
        Files.delete(foreign);
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isEqualTo(20);
        }
    }
}
