package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a log whose next day's queue file cannot be made (a directory in its place), when an append rolls into it,
 * then the append fails as a {@link StorageException} with nothing written (Chronicle's undeclared checked
 * {@code FileNotFoundException} reached the caller as it was), a time after the last event resolves at once (it waited
 * five seconds for the failed batch, on every lookup), and once the path is free the next append takes the seq.
 */
class FailedRollTest {

    @TempDir
    Path dir;

    @Test
    void anAppendThatCannotRollFailsWithNothingWrittenAndLookupsDoNotWaitForIt() throws Exception {
        long day0 = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();
        AtomicLong now = new AtomicLong(day0);
        LogConfig config = LogConfig.builder().dataDir(dir).wallClockMillis(now::get).build();
        try (EventLog log = EventLog.open(config)) {
            log.append("s", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.any());
            long day1 = day0 + 86_400_000L;
            String file = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(day1)) + "F.cq4";
            Path blocker = Files.createDirectories(dir.resolve("queue").resolve(file).resolve("x"));
            now.set(day1);

            assertThatThrownBy(() -> log.append("s", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.any()))
                .isInstanceOf(StorageException.class).hasMessageContaining("nothing was written");
            assertThat(log.headSeq()).isEqualTo(1);
            // a hang detector, not a timing: the lookup waited IN_FLIGHT_WAIT_MS (5 s) for the batch that failed
            assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
                for (int i = 0; i < 3; i++) {
                    assertThat(log.seqAtOrBefore(day1)).isEqualTo(1);
                }
            });

            Files.delete(blocker);
            Files.delete(blocker.getParent());
            AppendResult next = log.append("s", "thing", List.of(NewEvent.of("a.b", "{}")), ExpectedVersion.of(1));
            assertThat(next.events().get(0).seq()).isEqualTo(2);
        }
    }
}
