package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A batch prepared ahead (on another thread) appends as appendAll would, its guards judged when it is appended. */
class PreparedBatchTest {

    private static AppendRequest request(String stream, ExpectedVersion expected, String... names) {
        return new AppendRequest(stream, "thing",
            Arrays.stream(names).map(n -> NewEvent.of(n, "{}")).toList(), expected);
    }

    @Test
    void aBatchPreparedOnAnotherThreadAppendsAllItsEventsInOrder() throws Exception {
        try (EventLog log = EventLog.open(LogConfig.inMemory())) {
            PreparedBatch batch = CompletableFuture.supplyAsync(() -> log.prepare(List.of(
                request("a", ExpectedVersion.noStream(), "a.one", "a.two"),
                request("b", ExpectedVersion.noStream(), "b.one"),
                request("a", ExpectedVersion.exactly(2), "a.three")))).get();
            assertThat(batch.events()).isEqualTo(4);
            assertThat(log.headSeq()).as("preparing writes nothing").isZero();

            AppendResult r = log.appendAll(batch, Source.IMPORT);

            assertThat(r.events()).extracting(AppendedEvent::seq).containsExactly(1L, 2L, 3L, 4L);
            assertThat(r.events()).extracting(AppendedEvent::version).containsExactly(1L, 2L, 1L, 3L);
            assertThat(log.readAll(1, 10, null)).extracting(RecordedEvent::name)
                .containsExactly("a.one", "a.two", "b.one", "a.three");
        }
    }

    @Test
    void givenTheStreamMovedAfterPreparing_whenAppended_thenTheGuardFailsAndNothingIsWritten() {
        try (EventLog log = EventLog.open(LogConfig.inMemory())) {
            PreparedBatch batch = log.prepare(List.of(request("b", ExpectedVersion.noStream(), "b.one"),
                request("a", ExpectedVersion.noStream(), "a.one")));
            log.append("a", "thing", List.of(NewEvent.of("a.first", "{}")), ExpectedVersion.noStream());

            assertThatThrownBy(() -> log.appendAll(batch, Source.IMPORT))
                .isInstanceOf(WrongExpectedVersionException.class);
            assertThat(log.headSeq()).isEqualTo(1);
            assertThat(log.streamInfo("b")).isEmpty();
        }
    }

    @Test
    void invalidInputIsRefusedWhenPreparedNamingItsPositionInTheBatch() {
        try (EventLog log = EventLog.open(LogConfig.inMemory())) {
            assertThatThrownBy(() -> log.prepare(List.of(request("a", ExpectedVersion.any(), "a.one"),
                new AppendRequest("b", "thing", List.of(NewEvent.of("b.one", "[1]")), ExpectedVersion.any()))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("event #1");
        }
    }

    @Test
    void aBatchPreparedByAnotherLogIsRefused() {
        try (EventLog one = EventLog.open(LogConfig.inMemory()); EventLog other = EventLog.open(LogConfig.inMemory())) {
            PreparedBatch batch = other.prepare(List.of(request("a", ExpectedVersion.any(), "a.one")));

            assertThatThrownBy(() -> one.appendAll(batch, Source.IMPORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another log");
            assertThat(one.headSeq()).isZero();
        }
    }
}
