package dev.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A projection created from a SQL text is stored only once its statement accepts it ({@link Projections#keep}): a
 * process killed while the build meets the log, or a build the log refuses, leaves the data directory as it was.
 */
class StoredDefinitionTest {

    private static final long WAIT = 30_000;

    @TempDir
    Path dir;

    private static JavaFold<?> counts() {
        return new JavaFold<>(new CountPerStream("counts", Set.of("counted")));
    }

    @Test
    void aCreatedProjectionRunsButItsDefinitionIsStoredOnlyWhenKept() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            log.append("a", "thing", List.of(NewEvent.of("counted", "{}")), ExpectedVersion.any());
            JavaFold<?> fold = counts();

            p.create(fold, "CREATE PROJECTION counts AS …");
            assertThat(p.await("counts", 1, WAIT)).isTrue();

            // before the fix it was written here, before the fold met the log: a kill then (or a build the log
            // refused, taken back by a process that died first) left a projection no statement had created
            assertThat(p.storedDefinitions()).isEmpty();
            p.keep(fold, "CREATE PROJECTION counts AS …");
            assertThat(p.storedDefinitions()).containsEntry("counts", "CREATE PROJECTION counts AS …");
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            assertThat(p.storedDefinitions()).containsEntry("counts", "CREATE PROJECTION counts AS …");
        }
    }

    @Test
    void aProjectionDroppedBeforeItIsKeptStaysDropped() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            JavaFold<?> fold = counts();
            p.create(fold, "first");

            assertThat(p.drop("counts")).isTrue();
            p.keep(fold, "first");
            p.withdraw(fold, null);

            assertThat(p.storedDefinitions()).isEmpty();
            assertThat(p.names()).isEmpty();
        }
    }

    @Test
    void aWithdrawnCreateLeavesTheDefinitionItWouldHaveReplacedAsItWas() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            JavaFold<?> old = counts();
            p.create(old, "old text");
            p.keep(old, "old text");
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir)); Projections p = Projections.open(log)) {
            p.uncompiled("counts", "no function named f");
            JavaFold<?> fold = counts();
            p.create(fold, "new text");
            assertThat(p.uncompiled("counts")).isEmpty();

            p.withdraw(fold, "no function named f");

            assertThat(p.names()).isEmpty();
            assertThat(p.uncompiled("counts")).contains("no function named f");
            assertThat(p.storedDefinitions()).containsEntry("counts", "old text");
        }
    }
}
