package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory is held by one process: a second gets an error naming the holder's pid, and touches nothing. */
class DirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void secondProcessIsRefusedWithTheHoldersPid() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            log.append("s-1", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.any());
        }
        Process holder = ChildJvm.start(LockHolder.class, dir, dir.toString());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(holder.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line = in.readLine();
            assertThat(line).isEqualTo("holding " + holder.pid());
            long queueBytesBefore = sizeOf(dir.resolve("queue"));

            assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
                .isInstanceOfSatisfying(DataDirectoryLockedException.class,
                    e -> assertThat(e.holderPid()).isEqualTo(holder.pid()))
                .hasMessageContaining("pid " + holder.pid())
                .hasMessageContaining(dir.toString());
            assertThat(sizeOf(dir.resolve("queue"))).isEqualTo(queueBytesBefore);
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isEqualTo(1);
        }
    }

    /**
     * Given a log last written by this process, when another process reads it (a shared lock, which records no pid,
     * as verify takes it) and this one opens it to write, then the refusal does not name the last writer (this
     * process, holding nothing), but says the holder's pid is not recorded.
     */
    @Test
    void aWriterRefusedByAReaderIsNotToldTheLastWritersPid() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            log.append("s-1", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.any());
        }
        Process reader = ChildJvm.start(LockHolder.class, dir, dir.toString(), "read-only");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(reader.getInputStream(),
            StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("holding " + reader.pid());

            assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
                .isInstanceOfSatisfying(DataDirectoryLockedException.class,
                    e -> assertThat(e.holderPid()).isEqualTo(-1))
                .hasMessageContaining("its pid is not recorded")
                .hasMessageNotContaining("pid " + ProcessHandle.current().pid());
        } finally {
            reader.getOutputStream().close();
            assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void secondOpenInTheSameProcessIsRefusedUntilTheFirstCloses() {
        EventLog first = EventLog.open(LogConfig.at(dir));
        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
            .isInstanceOf(DataDirectoryLockedException.class)
            .hasMessageContaining("(this process)");
        first.close();
        EventLog.open(LogConfig.at(dir)).close();
    }

    @Test
    void aRefusedSecondOpenInTheSameProcessKeepsOtherProcessesOut() throws Exception {
        try (EventLog first = EventLog.open(LogConfig.at(dir))) {
            assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir))).isInstanceOf(DataDirectoryLockedException.class);

            assertThat(probe(dir)).isEqualTo("refused, holder " + ProcessHandle.current().pid());
            assertThat(first.headSeq()).isZero();
        }
    }

    @Test
    void aLockFileThatIsASymbolicLinkIsRefusedAndWhatItPointsAtIsLeftAlone() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Path logDir = Files.createDirectories(dir.resolve("log"));
        Files.createSymbolicLink(logDir.resolve("hindsight.lock"), victim);

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(logDir)).close())
            .isInstanceOf(StorageException.class).hasMessageContaining("hindsight.lock is a symbolic link");
        assertThat(victim).hasContent("precious"); // was overwritten with the pid
    }

    @Test
    void aSymlinkOrARelativeNameOfAHeldDirectoryIsTheSameDirectory() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), data);
        Path relative = Path.of("").toAbsolutePath().relativize(data.toAbsolutePath());
        try (EventLog first = EventLog.open(LogConfig.at(data))) {
            first.append("s-1", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.any());

            assertThatThrownBy(() -> EventLog.open(LogConfig.at(link)))
                .isInstanceOf(DataDirectoryLockedException.class).hasMessageContaining("(this process)");
            assertThatThrownBy(() -> EventLog.open(LogConfig.at(relative)))
                .isInstanceOf(DataDirectoryLockedException.class);
            assertThatThrownBy(() -> EventLog.open(LogConfig.at(data.resolve("..").resolve("data"))))
                .isInstanceOf(DataDirectoryLockedException.class);
            assertThat(probe(link)).isEqualTo("refused, holder " + ProcessHandle.current().pid());
            first.append("s-1", "thing", List.of(NewEvent.of("a.c", "{}")), ExpectedVersion.exactly(1));
        }
        try (EventLog reopened = EventLog.open(LogConfig.at(link))) {
            assertThat(reopened.headSeq()).isEqualTo(2);
        }
    }

    /** What a second process says when it tries to open {@code target}. */
    private static String probe(Path target) throws Exception {
        Process p = ChildJvm.start(LockProbe.class, target.getParent(), target.toString());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line = in.readLine();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return line;
        }
    }

    private static long sizeOf(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
