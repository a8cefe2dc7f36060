package dev.hindsight.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets a typed error that says what to change, and writes nothing: not now, not after a reopen. */
class ValidationTest {

    @TempDir
    Path dir;

    private void assertRefusedAndNothingWritten(String field, String messagePart, Consumer<EventLog> append) {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            log.append("ok-1", "thing", List.of(NewEvent.of("thing.happened", "{}")), ExpectedVersion.any());
            assertThatThrownBy(() -> append.accept(log))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(messagePart);
            assertThat(log.headSeq()).isEqualTo(1);
        }
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThat(log.headSeq()).isEqualTo(1);
            assertThat(log.streams()).extracting(StreamInfo::streamId).containsExactly("ok-1");
        }
    }

    private static void append(EventLog log, String stream, String type, NewEvent... events) {
        log.append(stream, type, List.of(events), ExpectedVersion.any());
    }

    @Test
    void anUnpairedSurrogateInDataIsRefusedNotStoredAsAQuestionMark() {
        assertRefusedAndNothingWritten("data", "unpaired surrogate U+D800 at position 7",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{\"a\":\"x\uD800\"}")));
    }

    @Test
    void anUnpairedLowSurrogateInMetadataIsRefused() {
        assertRefusedAndNothingWritten("metadata", "metadata of event #0 holds an unpaired surrogate U+DC00",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{}", "{\"t\":\"\uDC00\"}")));
    }

    @Test
    void anEscapedUnpairedSurrogateInDataIsRefusedAsPostgresJsonbRefusesIt() {
        assertRefusedAndNothingWritten("data", "data of event #0 holds an unpaired surrogate escape \\ud800 in the "
            + "string ending at line 1, column 14: not valid Unicode text",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{\"a\":\"\\ud800\"}")));
    }

    @Test
    void anEscapedLowSurrogateOpeningAKeyOfMetadataIsRefused() {
        assertRefusedAndNothingWritten("metadata", "metadata of event #0 holds an unpaired surrogate escape \\udc00 "
            + "in the key",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{}", "{\"\\udc00x\":1}")));
    }

    @Test
    void aNumberOfMoreThanAThousandDigitsIsRefusedInWordsAsTheHttpApiRefusesIt() {
        assertRefusedAndNothingWritten("data", "data of event #0 holds a number of more than 1000 digits at line 1, "
            + "column 1007",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{\"n\":" + "9".repeat(1001) + "}")));
    }

    @Test
    void aFractionOfMoreThanAThousandDigitsInMetadataIsRefused() {
        assertRefusedAndNothingWritten("metadata", "metadata of event #0 holds a number of more than 1000 digits",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{}", "{\"n\":[0." + "9".repeat(1000) + "]}")));
    }

    @Test
    void aKeyOfMoreThanFiftyThousandCharactersIsRefusedInWordsAsTheHttpApiRefusesIt() {
        assertRefusedAndNothingWritten("data", "data of event #0 holds a key of more than 50000 characters",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{\"" + "k".repeat(50_001) + "\":1}")));
    }

    @Test
    void nestingDeeperThan256LevelsIsRefusedInWordsNamingNoJacksonClass() {
        String deep = "{\"a\":".repeat(257) + "1" + "}".repeat(257);
        assertRefusedAndNothingWritten("data", "data of event #0 nests deeper than 256 levels at line 1, column",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", deep)));
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            assertThatThrownBy(() -> append(log, "s-1", "thing", NewEvent.of("a.b", deep)))
                .hasMessageNotContaining("StreamReadConstraints").hasMessageNotContaining("`");
        }
    }

    @Test
    void anEscapedSurrogatePairIsKeptAsWritten() {
        String data = "{\"emoji\":\"\\ud83d\\ude00\"}";
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            append(log, "s-1", "thing", NewEvent.of("a.b", data));
            assertThat(log.readAll(1, 1, null)).singleElement().satisfies(e -> assertThat(e.data()).isEqualTo(data));
        }
    }

    @Test
    void aPairedSurrogateIsKeptExactly() {
        String data = "{\"emoji\":\"\uD83D\uDE00\"}";
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            append(log, "s-1", "thing", NewEvent.of("a.b", data));
            assertThat(log.readAll(1, 1, null)).singleElement().satisfies(e -> assertThat(e.data()).isEqualTo(data));
        }
    }

    @Test
    void aBadEventInTheSecondStreamOfAMultiStreamAppendIsNamedByItsPositionInTheAppend() {
        assertRefusedAndNothingWritten("data", "event #2",
            log -> log.appendAll(List.of(
                new AppendRequest("s-1", "thing", List.of(NewEvent.of("a.b", "{}"), NewEvent.of("a.c", "{}")),
                    ExpectedVersion.any()),
                new AppendRequest("s-2", "thing", List.of(NewEvent.of("a.b", "{\"a\":tru}")), ExpectedVersion.any())),
                Source.SQL));
    }

    @Test
    void emptyStreamIdIsRefused() {
        assertRefusedAndNothingWritten("streamId", "must not be empty",
            log -> append(log, "", "thing", NewEvent.of("a.b", "{}")));
    }

    @Test
    void streamIdOver256CharsIsRefusedNamingTheLength() {
        assertRefusedAndNothingWritten("streamId", "at most 256 characters, was 257",
            log -> append(log, "x".repeat(257), "thing", NewEvent.of("a.b", "{}")));
    }

    @Test
    void streamIdOfExactly256CharsIsAccepted() {
        try (EventLog log = EventLog.open(LogConfig.inMemory())) {
            append(log, "x".repeat(256), "thing", NewEvent.of("a.b", "{}"));
            assertThat(log.streamInfo("x".repeat(256))).isPresent();
        }
    }

    @Test
    void charactersAreCountedAsCodePointsSoAnEmojiIsOne() {
        String emoji = "\ud83d\ude00"; // one character, two Java chars
        try (EventLog log = EventLog.open(LogConfig.inMemory())) {
            append(log, emoji.repeat(256), "thing", NewEvent.of("a.b", "{}"));
            assertThat(log.streamInfo(emoji.repeat(256))).isPresent();
        }
        assertRefusedAndNothingWritten("streamId", "at most 256 characters, was 257",
            log -> append(log, emoji.repeat(257), "thing", NewEvent.of("a.b", "{}")));
    }

    @Test
    void controlCharacterInStreamIdIsRefusedNamingItsPosition() {
        assertRefusedAndNothingWritten("streamId", "U+000A at position 5",
            log -> append(log, "order\n1", "thing", NewEvent.of("a.b", "{}")));
    }

    @Test
    void emptyEntityTypeIsRefused() {
        assertRefusedAndNothingWritten("entityType", "entityType must not be empty",
            log -> append(log, "s-1", "", NewEvent.of("a.b", "{}")));
    }

    @Test
    void controlCharacterInNameIsRefused() {
        assertRefusedAndNothingWritten("name", "control characters",
            log -> append(log, "s-1", "thing", NewEvent.of("a\tb", "{}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "[1,2]", "42", "\"text\"", "null", "{", "{\"a\":}", "{\"a\":1}}",
        "{\"a\":1} {\"b\":2}", "{'a':1}", "{\"a\":tru}"})
    void dataThatIsNotOneJsonObjectIsRefused(String data) {
        assertRefusedAndNothingWritten("data", "must be a JSON object",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", data)));
    }

    @Test
    void badMetadataIsRefusedNamingMetadata() {
        assertRefusedAndNothingWritten("metadata", "metadata of event #1 must be a JSON object",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{}"), NewEvent.of("a.b", "{}", "[1]")));
    }

    @Test
    void oneBadEventInABatchRefusesTheWholeBatch() {
        assertRefusedAndNothingWritten("data", "data of event #2",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{}"), NewEvent.of("a.b", "{}"),
                NewEvent.of("a.b", "{nope")));
    }

    @Test
    void eventOverTheSizeLimitIsRefusedNamingSizeAndLimit() {
        assertRefusedAndNothingWritten("data", "over the limit of 1048576 bytes",
            log -> append(log, "s-1", "thing", NewEvent.of("a.b", "{\"a\":\"" + "x".repeat(1024 * 1024) + "\"}")));
    }

    @Test
    void sizeLimitIsConfigurable() {
        try (EventLog log = EventLog.open(LogConfig.builder().maxEventBytes(2048).build())) {
            assertThatThrownBy(() -> append(log, "s-1", "thing", NewEvent.of("a.b",
                "{\"a\":\"" + "x".repeat(2048) + "\"}")))
                .hasMessageContaining("limit of 2048 bytes per event").hasMessageContaining("maxEventBytes");
            append(log, "s-1", "thing", NewEvent.of("a.b", "{\"a\":\"" + "x".repeat(1800) + "\"}"));
        }
    }

    @Test
    void emptyBatchIsRefused() {
        assertRefusedAndNothingWritten("events", "at least one event",
            log -> log.append("s-1", "thing", List.of(), ExpectedVersion.any()));
    }

    @Test
    void schemaVersionBelowOneIsRefused() {
        assertRefusedAndNothingWritten("schemaVersion", "must be >= 1, was 0",
            log -> append(log, "s-1", "thing", new NewEvent("a.b", "{}", null, 0)));
    }

    @Test
    void badSettingsAreRefusedAtBuildNamingTheSettingAndValue() {
        assertThatThrownBy(() -> LogConfig.builder().maxEventBytes(10).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxEventBytes").hasMessageContaining("10");
        assertThatThrownBy(() -> LogConfig.builder().minFreeDiskBytes(-1).build())
            .hasMessageContaining("minFreeDiskBytes must be >= 0, was -1");
        assertThatThrownBy(() -> LogConfig.builder().blockSizeBytes(1024).build())
            .hasMessageContaining("blockSizeBytes");
    }
}
