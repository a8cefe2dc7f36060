package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void secondOpenInTheSameProcessIsRefusedUntilTheFirstCloses() {
        EventLog first = EventLog.open(LogConfig.at(dir));
        assertThatThrownBy(() -> EventLog.open(LogConfig.at(dir)))
            .isInstanceOf(DataDirectoryLockedException.class)
            .hasMessageContaining("(this process)");
        first.close();
        EventLog.open(LogConfig.at(dir)).close();
    }

    private static long sizeOf(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
