package dev.hindsight.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.hindsight.log.RecordedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The one JSON shape of an event everywhere (SPEC §5 and §6: HTTP reads, SSE {@code data:} lines, {@code export}):
 *
 * <pre>{"seq":1,"streamId":"order-1","entityType":"order","version":1,"name":"order.placed","schemaVersion":1,
 * "eventId":"0190...","ts":"2026-11-23T10:21:11.123Z","source":"api","data":{"total":1},"metadata":null}</pre>
 *
 * <ul>
 *   <li>keys in exactly this order ({@link #FIELD_NAMES});</li>
 *   <li>{@code eventId} as a UUID string; {@code ts} as ISO-8601 UTC with milliseconds and {@code Z}
 *       ({@link #formatTs}); {@code source} lower-case ({@code Source.wireName()});</li>
 *   <li>{@code data} and {@code metadata} embedded as the JSON objects they are (not as strings), with the text the
 *       log holds; {@code metadata} is {@code null} when the event has none. A raw line break in that text (only
 *       possible as whitespace between tokens, since JSON strings cannot hold one) is written as a space, so an
 *       event is always one line.</li>
 * </ul>
 *
 * <p>Static methods are thread-safe; a {@link JsonLinesWriter} is not.
 */
public final class EventJsonFormat {

    /** The keys of an event object, in the order they are written. */
    public static final List<String> FIELD_NAMES = List.of("seq", "streamId", "entityType", "version", "name",
        "schemaVersion", "eventId", "ts", "source", "data", "metadata");

    static final JsonFactory JSON = new JsonFactoryBuilder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .rootValueSeparator((String) null)
        .build();

    private static final DateTimeFormatter WIDE_YEARS =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventJsonFormat() {
    }

    /** Writes {@code e} as one JSON object (no line break) to {@code g}. */
    public static void write(JsonGenerator g, RecordedEvent e) throws IOException {
        write(g, e, formatTs(e.ts()));
    }

    static void write(JsonGenerator g, RecordedEvent e, String ts) throws IOException {
        g.writeStartObject();
        g.writeNumberField("seq", e.seq());
        g.writeStringField("streamId", e.streamId());
        g.writeStringField("entityType", e.entityType());
        g.writeNumberField("version", e.version());
        g.writeStringField("name", e.name());
        g.writeNumberField("schemaVersion", e.schemaVersion());
        g.writeStringField("eventId", e.eventId().toString());
        g.writeStringField("ts", ts);
        g.writeStringField("source", e.source().wireName());
        g.writeFieldName("data");
        g.writeRawValue(oneLine(e.data()));
        g.writeFieldName("metadata");
        if (e.metadata() == null) {
            g.writeNull();
        } else {
            g.writeRawValue(oneLine(e.metadata()));
        }
        g.writeEndObject();
    }

    /** {@code e} as one JSON object, as a string. */
    public static String toJson(RecordedEvent e) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(g, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    /** A writer of one event per line (JSON lines) to {@code out}, which it flushes but never closes. */
    public static JsonLinesWriter jsonLines(OutputStream out) {
        try {
            return new JsonLinesWriter(JSON.createGenerator(out));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * {@code epochMillis} as ISO-8601 UTC with exactly three fraction digits and {@code Z}, e.g.
     * {@code 2026-11-23T10:21:11.123Z} (years outside 0000–9999 get ISO's sign and extra digits).
     */
    public static String formatTs(long epochMillis) {
        long secs = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        int secOfDay = (int) Math.floorMod(secs, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(secs, 86_400L));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return WIDE_YEARS.format(Instant.ofEpochMilli(epochMillis));
        }
        // by hand: this runs for every exported event, and DateTimeFormatter costs about a microsecond
        char[] c = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0',
            '.', '0', '0', '0', 'Z'};
        digits(c, 0, year, 4);
        digits(c, 5, date.getMonthValue(), 2);
        digits(c, 8, date.getDayOfMonth(), 2);
        digits(c, 11, secOfDay / 3600, 2);
        digits(c, 14, secOfDay / 60 % 60, 2);
        digits(c, 17, secOfDay % 60, 2);
        digits(c, 20, millis, 3);
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** The stored JSON text, with any raw line break (whitespace between tokens) turned into a space. */
    static String oneLine(String json) {
        if (json.indexOf('\n') < 0 && json.indexOf('\r') < 0) {
            return json;
        }
        return json.replace('\n', ' ').replace('\r', ' ');
    }
}
