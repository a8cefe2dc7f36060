package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.testkit.SmallTmpfs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nearly full disk refuses appends with {@link StorageFullException} and corrupts nothing. Runs on a small tmpfs
 * that the test mounts, so it needs root; elsewhere it is skipped with a message.
 */
@Tag("slow")
class DiskFullTest {

    @TempDir
    Path mountPoint;
    private SmallTmpfs tmpfs;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        tmpfs = SmallTmpfs.mount(mountPoint, 24L << 20, "DiskFullTest");
    }

    @AfterEach
    void unmount() throws Exception {
        if (tmpfs != null) {
            tmpfs.unmount();
        }
    }

    @Test
    void fullDiskRefusesAppendsAndKeepsEverythingAcknowledged() {
        Path dir = mountPoint.resolve("log");
        LogConfig config = LogConfig.builder().dataDir(dir).maxEventBytes(64 * 1024).blockSizeBytes(1024 * 1024)
            .minFreeDiskBytes(4L << 20).diskCheckIntervalBytes(64 * 1024).build();
        List<String> acknowledged = new ArrayList<>();
        String pad = "p".repeat(8000);
        try (EventLog log = EventLog.open(config)) {
            StorageFullException full = null;
            for (int i = 0; i < 10_000 && full == null; i++) {
                String data = "{\"i\":" + i + ",\"pad\":\"" + pad + "\"}";
                try {
                    log.append("s-" + (i % 7), "thing", List.of(NewEvent.of("a.b", data)), ExpectedVersion.any());
                    acknowledged.add(data);
                } catch (StorageFullException e) {
                    full = e;
                }
            }
            assertThat(full).as("the disk filled up").isNotNull();
            assertThat(full.getMessage()).contains("storage full", "minFreeDiskBytes", dir.toString());
            assertThat(acknowledged).hasSizeGreaterThan(100);
            long head = log.headSeq();
            assertThatThrownBy(() -> log.append("s-1", "thing", List.of(NewEvent.of("a.b", "{}")),
                ExpectedVersion.any())).isInstanceOf(StorageFullException.class);
            assertThat(log.headSeq()).isEqualTo(head);
        }
        try (EventLog log = EventLog.open(config)) {
            assertThat(log.recovery().repaired()).isFalse();
            List<String> data = new ArrayList<>();
            log.scan(1, log.headSeq(), e -> data.add(e.data()));
            assertThat(data).containsExactlyElementsOf(acknowledged);
        }
    }
}
