package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard rules of SPEC §1, given events, when an append, then events or an error. */
class GuardRulesTest {

    private EventLog log;

    @BeforeEach
    void open() {
        log = EventLog.open(LogConfig.inMemory());
    }

    @AfterEach
    void close() {
        log.close();
    }

    private AppendResult given(String stream, int events) {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(NewEvent.of("order.updated", "{\"n\":" + i + "}"));
        }
        return log.append(stream, "order", batch, ExpectedVersion.any());
    }

    @Test
    void givenNoStream_whenAppendWithNoStreamGuard_thenStreamStartsAtVersion1() {
        AppendResult r = log.append("order-1", "order", List.of(NewEvent.of("order.placed", "{}")),
            ExpectedVersion.noStream());

        assertThat(r.events()).singleElement().satisfies(e -> {
            assertThat(e.seq()).isEqualTo(1);
            assertThat(e.version()).isEqualTo(1);
        });
        assertThat(log.streamInfo("order-1")).get().extracting(StreamInfo::version).isEqualTo(1L);
    }

    @Test
    void givenExistingStream_whenAppendWithNoStreamGuard_thenVersionConflictAndNothingWritten() {
        given("order-1", 2);

        assertThatThrownBy(() -> log.append("order-1", "order", List.of(NewEvent.of("order.placed", "{}")),
            ExpectedVersion.noStream()))
            .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                assertThat(e.streamId()).isEqualTo("order-1");
                assertThat(e.expectedVersion()).isZero();
                assertThat(e.actualVersion()).isEqualTo(2);
                assertThat(e.getMessage()).contains("version conflict", "order-1", "expected version 0",
                    "actual version 2");
            });
        assertThat(log.headSeq()).isEqualTo(2);
    }

    @Test
    void givenStreamAtVersion2_whenAppendExpecting2_thenVersions3And4() {
        given("order-1", 2);

        AppendResult r = log.append("order-1", "order",
            List.of(NewEvent.of("order.paid", "{}"), NewEvent.of("order.shipped", "{}")), ExpectedVersion.exactly(2));

        assertThat(r.events()).extracting(AppendedEvent::version).containsExactly(3L, 4L);
        assertThat(r.events()).extracting(AppendedEvent::seq).containsExactly(3L, 4L);
    }

    @Test
    void givenStreamAtVersion3_whenAppendExpecting2_thenConflictNamingBothVersions() {
        given("order-1", 3);

        assertThatThrownBy(() -> log.append("order-1", "order", List.of(NewEvent.of("order.paid", "{}")),
            ExpectedVersion.exactly(2)))
            .isInstanceOf(WrongExpectedVersionException.class)
            .hasMessageContaining("expected version 2")
            .hasMessageContaining("actual version 3");
        assertThat(log.readStream("order-1", 1, Direction.FORWARD, 10)).hasSize(3);
    }

    @Test
    void givenNoStream_whenAppendExpectingExactVersion_thenConflictWithActual0() {
        assertThatThrownBy(() -> log.append("order-9", "order", List.of(NewEvent.of("order.paid", "{}")),
            ExpectedVersion.exactly(1)))
            .isInstanceOfSatisfying(WrongExpectedVersionException.class,
                e -> assertThat(e.actualVersion()).isZero());
        assertThat(log.headSeq()).isZero();
        assertThat(log.streamInfo("order-9")).isEmpty();
    }

    @Test
    void givenAnyStream_whenAppendWithAnyGuard_thenAlwaysAppends() {
        given("order-1", 1);

        AppendResult r = log.append("order-1", "order", List.of(NewEvent.of("order.paid", "{}")),
            ExpectedVersion.any());

        assertThat(r.lastVersion()).isEqualTo(2);
    }

    @Test
    void givenInterleavedStreams_whenBatchAppended_thenItIsContiguousInTheLog() {
        given("a", 1);
        given("b", 1);

        AppendResult r = given("a", 3);

        assertThat(r.events()).extracting(AppendedEvent::seq).containsExactly(3L, 4L, 5L);
        assertThat(log.readAll(1, 10, null)).extracting(RecordedEvent::streamId)
            .containsExactly("a", "b", "a", "a", "a");
    }

    @Test
    void givenStreamOfOneType_whenAppendWithAnotherType_thenRefusedAndNothingWritten() {
        given("order-1", 1);

        assertThatThrownBy(() -> log.append("order-1", "invoice", List.of(NewEvent.of("x.happened", "{}")),
            ExpectedVersion.any()))
            .isInstanceOf(InvalidEventException.class)
            .hasMessageContaining("entity type 'order'");
        assertThat(log.headSeq()).isEqualTo(1);
    }

    @Test
    void givenTwoStreams_whenAppendAllAndTheSecondGuardFails_thenNothingIsWritten() {
        given("a", 1);
        given("b", 2);

        assertThatThrownBy(() -> log.appendAll(List.of(
            new AppendRequest("a", "order", List.of(NewEvent.of("x.y", "{}")), ExpectedVersion.exactly(1)),
            new AppendRequest("b", "order", List.of(NewEvent.of("x.y", "{}")), ExpectedVersion.exactly(1))),
            Source.SQL))
            .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                assertThat(e.streamId()).isEqualTo("b");
                assertThat(e.actualVersion()).isEqualTo(2);
                assertThat(e.eventIndex()).isEqualTo(1);
            });
        assertThat(log.headSeq()).isEqualTo(3);
    }

    /** Which guard of several failed, and that its actual version counts the append's events before it. */
    @Test
    void givenAStreamAt1_whenTheThirdGuardOfAnAppendOnItFails_thenTheConflictNamesItsFirstEvent() {
        given("a", 1);

        assertThatThrownBy(() -> log.appendAll(List.of(
            new AppendRequest("a", "order", List.of(NewEvent.of("x.y", "{}"), NewEvent.of("x.y", "{}")),
                ExpectedVersion.exactly(1)),
            new AppendRequest("a", "order", List.of(NewEvent.of("x.y", "{}")), ExpectedVersion.exactly(3)),
            new AppendRequest("a", "order", List.of(NewEvent.of("x.y", "{}")), ExpectedVersion.exactly(3))),
            Source.SQL))
            .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                assertThat(e.eventIndex()).isEqualTo(3);
                assertThat(e.actualVersion()).isEqualTo(4);
            })
            .hasMessage("version conflict on stream 'a': expected version 3, actual version 4 (at event #3 of the "
                + "append, the events before it in the append counted as written)");
        assertThatThrownBy(() -> log.append("a", "order", List.of(NewEvent.of("x.y", "{}")),
            ExpectedVersion.exactly(7)))
            .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> assertThat(e.eventIndex()).isEqualTo(-1))
            .hasMessage("version conflict on stream 'a': expected version 7, actual version 1");
        assertThat(log.headSeq()).isEqualTo(1);
    }

    @Test
    void givenNoStream_whenAppendAllTouchesItTwice_thenEachGuardSeesTheRowsBeforeIt() {
        AppendResult r = log.appendAll(List.of(
            new AppendRequest("a", "order", List.of(NewEvent.of("x.y", "{}")), ExpectedVersion.noStream()),
            new AppendRequest("b", "order", List.of(NewEvent.of("x.y", "{}")), ExpectedVersion.noStream()),
            new AppendRequest("a", "order", List.of(NewEvent.of("x.y", "{}"), NewEvent.of("x.z", "{}")),
                ExpectedVersion.exactly(1))), Source.SQL);

        assertThat(r.events()).extracting(AppendedEvent::version).containsExactly(1L, 1L, 2L, 3L);
        assertThat(r.events()).extracting(AppendedEvent::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(log.readAll(1, 10, null)).extracting(RecordedEvent::source).containsOnly(Source.SQL);
        assertThatThrownBy(() -> log.appendAll(List.of(
            new AppendRequest("c", "order", List.of(NewEvent.of("x.y", "{}")), ExpectedVersion.noStream()),
            new AppendRequest("c", "invoice", List.of(NewEvent.of("x.y", "{}")), ExpectedVersion.any())), Source.SQL))
            .isInstanceOf(InvalidEventException.class).hasMessageContaining("entity type 'order'");
        assertThat(log.headSeq()).isEqualTo(4);
    }

    @Test
    void shouldRefuseGuardsBelowMinusOne() {
        assertThatThrownBy(() -> ExpectedVersion.of(-2)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("-2");
    }
}
