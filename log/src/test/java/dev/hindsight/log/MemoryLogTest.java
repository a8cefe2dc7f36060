package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hindsight.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-memory logs: gone after close, gone after their process is killed, and usable on a small RAM disk. */
class MemoryLogTest {

    @TempDir
    Path root;

    @Test
    void anInMemoryLogIsDeletedOnClose() {
        EventLog log = EventLog.open(LogConfig.builder().tempRoot(root).build());
        assertThat(memoryLogs()).hasSize(1);
        log.close();
        assertThat(memoryLogs()).isEmpty();
    }

    @Test
    void theInMemoryLogOfAKilledProcessIsRemovedWhenTheNextOneIsCreated() throws Exception {
        Process child = ChildJvm.start(MemoryLogHolder.class, root, root.toString());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("open " + child.pid());
        }
        child.destroyForcibly(); // SIGKILL: no close, no shutdown hook
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(memoryLogs()).singleElement().asString().contains(MemoryLogs.PREFIX + child.pid() + "-");

        try (EventLog mine = EventLog.open(LogConfig.builder().tempRoot(root).build())) {
            assertThat(memoryLogs()).singleElement().asString()
                .contains(MemoryLogs.PREFIX + ProcessHandle.current().pid() + "-");
            assertThat(mine.headSeq()).isZero();
        }
    }

    @Test
    void anInMemoryLogOnA64MiBRamDiskTakesAppends() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a 64 MiB tmpfs; skipped");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", root.toString())
            .redirectErrorStream(true).start();
        String out = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
            "could not mount a tmpfs (" + out.trim() + "); skipped");
        try {
            try (EventLog log = EventLog.open(LogConfig.builder().tempRoot(root).build())) {
                for (int i = 0; i < 10_000; i++) {
                    log.append("s-" + (i % 10), "thing", List.of(NewEvent.of("a.b", "{\"i\":" + i + "}")),
                        ExpectedVersion.any());
                }
                assertThat(log.headSeq()).isEqualTo(10_000);
            }
        } finally {
            // lazy: Chronicle may still hold a mapping of the closed queue for a moment; the kernel detaches at once
            new ProcessBuilder("umount", "--lazy", root.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private List<Path> memoryLogs() {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith(MemoryLogs.PREFIX)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
