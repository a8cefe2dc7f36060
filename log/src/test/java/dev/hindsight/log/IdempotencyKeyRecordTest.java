package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append made with an idempotency key keeps it beside each of its records (flag bit 0 of the record layout): read
 * back by {@link EventView#idempotencyKey()} also after a reopen, never part of the events, whose metadata stays as
 * given; a key that is not 1–255 visible ASCII characters is refused and nothing is written.
 */
class IdempotencyKeyRecordTest {

    @TempDir
    Path dir;

    private static List<AppendRequest> two(String stream, String metadata) {
        return List.of(new AppendRequest(stream, "thing", List.of(NewEvent.of("a.one", "{}", metadata),
            NewEvent.of("a.two", "{\"x\":1}")), ExpectedVersion.any()));
    }

    private static List<String> keys(EventLog log) {
        List<String> keys = new ArrayList<>();
        log.visit(1, log.headSeq(), e -> keys.add(e.idempotencyKey()));
        return keys;
    }

    @Test
    void givenAKeyedAppend_whenReadAndAfterAReopen_thenEachRecordHasTheKeyAndTheEventsAreAsGiven() {
        String longest = "k".repeat(255);
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            log.appendAll(two("a", "{\"traceId\":\"t\"}"), Source.HTTP, "key-1");
            log.appendAll(two("b", null), Source.HTTP);
            log.appendAll(two("c", null), Source.HTTP, longest);
            assertThat(keys(log)).containsExactly("key-1", "key-1", null, null, longest, longest);
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(keys(log)).containsExactly("key-1", "key-1", null, null, longest, longest);
            List<RecordedEvent> events = log.readAll(1, 10, null);
            assertThat(events).extracting(RecordedEvent::metadata)
                .containsExactly("{\"traceId\":\"t\"}", null, null, null, null, null);
            assertThat(events).extracting(RecordedEvent::data)
                .containsExactly("{}", "{\"x\":1}", "{}", "{\"x\":1}", "{}", "{\"x\":1}");
        }
    }

    @Test
    void aKeyThatIsNotOneTo255VisibleAsciiCharactersIsRefusedAndNothingIsWritten() {
        try (EventLog log = EventLog.open(LogConfig.inMemory())) {
            for (String bad : List.of("", "k".repeat(256), "with space", "caf\u00e9", "tab\t")) {
                assertThatThrownBy(() -> log.appendAll(two("a", null), Source.HTTP, bad)).as(bad)
                    .isInstanceOf(InvalidEventException.class).hasMessageContaining("idempotency key");
            }
            assertThat(log.headSeq()).isZero();
        }
    }
}
