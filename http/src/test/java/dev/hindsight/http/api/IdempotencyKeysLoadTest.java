package dev.hindsight.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.AppendedEvent;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys read back from the log at a start are the ones memory held: given keyed appends in a real log on a clock
 * the test moves, when the keys are loaded, then each key answers with its newest append alone.
 */
class IdempotencyKeysLoadTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);

    @Test
    void a_key_used_again_after_it_expired_answers_with_its_newest_append_after_a_restart_with_a_longer_retention() {
        try (EventLog log = EventLog.open(LogConfig.builder().dataDir(dir).wallClockMillis(now::get).build())) {
            List<AppendedEvent> first = append(log, "ik", "K");
            now.addAndGet(3_000); // the key expired under a 2 s retention; the retry appended again
            List<AppendedEvent> again = append(log, "ik", "K");
            List<AppendedEvent> twoAtOnce = append(log, "other", "L", "x", "y");
            now.addAndGet(3_000);
            List<AppendedEvent> oncemore = append(log, "other", "L", "z", "w");

            // restarted with 24 h: both appends of K are young enough; the second was K's answer before the restart
            IdempotencyKeys keys = IdempotencyKeys.load(log, Duration.ofHours(24), clockAt(now.get()));

            assertThat(first).isNotEqualTo(again);
            assertThat(keys.lookup("K")).get().extracting(IdempotencyKeys.Outcome::events).isEqualTo(again);
            assertThat(twoAtOnce).hasSize(2);
            assertThat(keys.lookup("L")).get().extracting(IdempotencyKeys.Outcome::events).isEqualTo(oncemore);
        }
    }

    @Test
    void a_key_of_an_append_of_several_events_answers_with_all_of_them() {
        try (EventLog log = EventLog.open(LogConfig.builder().dataDir(dir).wallClockMillis(now::get).build())) {
            List<AppendedEvent> three = append(log, "s", "M", "a", "b", "c");
            append(log, "s", null, "d");

            IdempotencyKeys keys = IdempotencyKeys.load(log, Duration.ofHours(24), clockAt(now.get()));

            assertThat(keys.lookup("M")).get().extracting(IdempotencyKeys.Outcome::events).isEqualTo(three);
            assertThat(keys.size()).isOne();
        }
    }

    private static List<AppendedEvent> append(EventLog log, String stream, String key, String... names) {
        List<NewEvent> events = (names.length == 0 ? List.of("n") : List.of(names)).stream()
            .map(name -> NewEvent.of(name, "{}")).toList();
        return log.appendAll(List.of(new AppendRequest(stream, "t", events, ExpectedVersion.any())), Source.HTTP, key)
            .events();
    }

    private static Clock clockAt(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
