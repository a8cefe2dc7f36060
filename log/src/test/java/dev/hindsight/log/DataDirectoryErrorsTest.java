package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory that cannot be one: the error says why in words, not only the path again. */
class DataDirectoryErrorsTest {

    @TempDir
    Path dir;

    @Test
    void a_file_where_the_data_directory_should_be_is_named_as_such_and_left_alone() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a log");

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(file)))
            .isInstanceOf(StorageException.class)
            .hasMessage("cannot create data directory " + file + ": a file is there, not a directory");
        assertThat(Files.readString(file)).isEqualTo("not a log");
    }

    @Test
    void a_data_directory_below_a_file_is_named_as_such() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a log");
        Path below = file.resolve("log");

        assertThatThrownBy(() -> EventLog.open(LogConfig.at(below)))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith("cannot create data directory " + below + ": ")
            .hasMessageNotContaining(": " + below);
    }
}
