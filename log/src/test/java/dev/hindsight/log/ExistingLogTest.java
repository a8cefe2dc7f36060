package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a directory holds a log, asked without creating anything: what a command that only reads checks first. */
class ExistingLogTest {

    @TempDir
    Path dir;

    @Test
    void a_missing_or_empty_directory_holds_no_log_and_asking_creates_nothing() {
        Path missing = dir.resolve("missing");

        assertThat(EventLog.existsIn(missing)).isFalse();
        assertThat(EventLog.existsIn(dir)).isFalse();
        assertThat(missing).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void a_log_opened_once_exists_though_it_holds_no_event() {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isZero();
        }

        assertThat(EventLog.existsIn(dir)).isTrue();
    }

    @Test
    void a_read_only_open_of_a_directory_without_a_log_is_refused_and_creates_nothing() {
        assertThatThrownBy(() -> EventLog.open(LogConfig.builder().dataDir(dir).readOnly(true).build()))
            .isInstanceOf(StorageException.class)
            .hasMessage("there is no log in " + dir + " to read");
        assertThat(dir).isEmptyDirectory();
    }
}
