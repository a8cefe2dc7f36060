package dev.hindsight.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.log.RecordedEvent;
import dev.hindsight.log.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonFormatTest {

    private static final UUID ID = UUID.fromString("01a207fe-0a2d-7093-8055-a72105a99b3e");

    @Test
    void anEventIsOneObjectWithTheSpecKeysInOrderAndDataEmbeddedAsJson() {
        RecordedEvent e = new RecordedEvent(42, "order-1", "order", 3, "order.paid", 2, ID,
            Instant.parse("2026-11-23T10:21:11.123Z").toEpochMilli(), Source.HTTP, "{\"total\":1}",
            "{\"traceId\":\"t\"}");

        assertThat(EventJsonFormat.toJson(e)).isEqualTo("{\"seq\":42,\"streamId\":\"order-1\",\"entityType\":\"order\","
            + "\"version\":3,\"name\":\"order.paid\",\"schemaVersion\":2,"
            + "\"eventId\":\"01a207fe-0a2d-7093-8055-a72105a99b3e\",\"ts\":\"2026-11-23T10:21:11.123Z\","
            + "\"source\":\"http\",\"data\":{\"total\":1},\"metadata\":{\"traceId\":\"t\"}}");
    }

    @Test
    void missingMetadataIsNullAndStringsAreEscaped() {
        RecordedEvent e = new RecordedEvent(1, "a \"quoted\" \\ Zoë", "t", 1, "n", 1, ID, 0, Source.IMPORT, "{}", null);

        String json = EventJsonFormat.toJson(e);

        assertThat(json).contains("\"streamId\":\"a \\\"quoted\\\" \\\\ Zoë\"")
            .endsWith("\"data\":{},\"metadata\":null}");
    }

    @Test
    void tsHasMillisecondsAlwaysAndZ() {
        assertThat(EventJsonFormat.formatTs(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(EventJsonFormat.formatTs(1)).isEqualTo("1970-01-01T00:00:00.001Z");
        assertThat(EventJsonFormat.formatTs(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(EventJsonFormat.formatTs(Instant.parse("2024-02-29T23:59:59.120Z").toEpochMilli()))
            .isEqualTo("2024-02-29T23:59:59.120Z");
        assertThat(EventJsonFormat.formatTs(Instant.parse("+12345-01-01T00:00:00Z").toEpochMilli()))
            .isEqualTo("+12345-01-01T00:00:00.000Z");
        for (long ms = -86_400_000L * 800; ms < 86_400_000L * 40_000; ms += 86_399_997L) {
            assertThat(Instant.parse(EventJsonFormat.formatTs(ms)).toEpochMilli()).isEqualTo(ms);
        }
    }

    @Test
    void aJsonLinesWriterWritesOneLinePerEventEvenForDataWithLineBreaks() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesWriter w = EventJsonFormat.jsonLines(out)) {
            w.write(new RecordedEvent(1, "s-1", "s", 1, "n", 1, ID, 5, Source.API, "{\n  \"a\": 1\r\n}", null));
            w.write(new RecordedEvent(2, "s-1", "s", 2, "n", 1, ID, 5, Source.API, "{}", "{\"m\":\n2}"));
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).isEmpty();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines[0]).get("data").get("a").asInt()).isEqualTo(1);
        assertThat(json.readTree(lines[1]).get("metadata").get("m").asInt()).isEqualTo(2);
        assertThat(lines[0]).contains("\"ts\":\"1970-01-01T00:00:00.005Z\"");
    }
}
