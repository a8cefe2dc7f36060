package dev.hindsight.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an append's input before anything is written, and encodes its strings. Stateless and thread-safe.
 * JSON is checked by {@link JsonObjectScanner} (one pass, no allocation); Jackson's streaming parser then says
 * precisely what is wrong with input the scanner refused.
 */
final class EventValidator {

    private static final JsonFactory JSON = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonObjectScanner.MAX_DEPTH)
            .maxNumberLength(JsonObjectScanner.MAX_NUMBER_DIGITS).maxNameLength(JsonObjectScanner.MAX_KEY_CHARS)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a key given twice: refused, as the HTTP API does
        .build();

    private final int maxEventBytes;

    EventValidator(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Checks and encodes {@code events}; errors name an event by its position in the whole append,
     * {@code firstIndex} being the position of the first of these (several streams' events in one append).
     */
    List<PreparedEvent> prepare(byte[] streamId, byte[] entityType, List<NewEvent> events, int firstIndex) {
        if (events == null || events.isEmpty()) {
            throw InvalidEventException.of("events", "an append needs at least one event");
        }
        List<PreparedEvent> prepared = new ArrayList<>(events.size());
        for (int k = 0; k < events.size(); k++) {
            NewEvent e = events.get(k);
            int i = firstIndex + k;
            if (e == null) {
                throw InvalidEventException.ofEvent("events", i, "event #" + i + " is null");
            }
            byte[] name = checkId("name", e.name(), i);
            if (e.schemaVersion() < 1) {
                throw InvalidEventException.ofEvent("schemaVersion", i,
                    "schemaVersion of event #" + i + " must be >= 1, was " + e.schemaVersion());
            }
            byte[] data = utf8("data", i, e.data());
            byte[] metadata = e.metadata() == null ? null : utf8("metadata", i, e.metadata());
            int length = RecordDescriptor.eventLength(streamId.length, entityType.length, name.length, data.length,
                metadata == null ? -1 : metadata.length);
            if (length > maxEventBytes) {
                throw InvalidEventException.tooLarge(i, length, maxEventBytes);
            }
            checkJsonObject("data", i, data);
            if (metadata != null) {
                checkJsonObject("metadata", i, metadata);
            }
            prepared.add(new PreparedEvent(name, data, metadata, e.schemaVersion(), length));
        }
        return prepared;
    }

    /** The longest idempotency key: its length is one byte of the record ({@link RecordDescriptor}). */
    static final int MAX_KEY_CHARS = 255;

    /** Checks an append's idempotency key: 1–255 visible ASCII characters. @return its bytes */
    static byte[] checkIdempotencyKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_CHARS || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw InvalidEventException.of("idempotencyKey", "an idempotency key must be 1 to " + MAX_KEY_CHARS
                + " visible ASCII characters, was '" + key + "'");
        }
        return key.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks a stream id, entity type or event name: 1–256 characters, no control characters. Characters are counted
     * as code points, as PostgreSQL's {@code varchar(256)} counts them: an emoji is one, not Java's two chars.
     *
     * @return the UTF-8 bytes
     */
    static byte[] checkId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw InvalidEventException.of(field, field + " must not be empty");
        }
        int max = NewEvent.MAX_ID_CHARS;
        if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            throw InvalidEventException.of(field, field + " must be at most " + max + " characters, was "
                + value.codePointCount(0, value.length()));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw InvalidEventException.of(field, field + " must not contain control characters, found U+"
                    + String.format("%04X", (int) c) + " at position " + i);
            }
            if (Character.isSurrogate(c) && !validSurrogatePair(value, i)) {
                throw InvalidEventException.of(field, field + " holds an unpaired surrogate at position " + i);
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** {@link #checkId(String, String)} of a value of event {@code eventIndex}, whose refusal names that event. */
    static byte[] checkId(String field, String value, int eventIndex) {
        try {
            return checkId(field, value);
        } catch (InvalidEventException bad) {
            throw InvalidEventException.atEvent(bad, eventIndex);
        }
    }

    /**
     * The UTF-8 of {@code value}, refusing an unpaired surrogate: {@link String#getBytes} would store it as
     * {@code '?'}, silently changing the client's text.
     */
    private static byte[] utf8(String field, int index, String value) {
        int i = unpairedSurrogateAt(value);
        if (i >= 0) {
            throw InvalidEventException.ofEvent(field, index, field + " of event #" + index
                + " holds an unpaired surrogate U+" + String.format("%04X", (int) value.charAt(i))
                + " at position " + i + ": not valid Unicode text");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The position of the first surrogate in {@code s} that is half of no pair, or -1 if there is none. */
    private static int unpairedSurrogateAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i)) && !validSurrogatePair(s, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean validSurrogatePair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static void checkJsonObject(String field, int index, byte[] json) {
        if (JsonObjectScanner.isObject(json)) {
            return;
        }
        explainWithJackson(field, index, json);
        explainStrings(field, index, json);
        // Jackson accepted what the scanner refused: refuse anyway, the scanner is the stricter reading
        throw InvalidEventException.notJsonObject(field, index, "not a plain JSON object");
    }

    /** Throws Jackson's precise account of what is wrong, if it finds anything. */
    private static void explainWithJackson(String field, int index, byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw InvalidEventException.notJsonObject(field, index, "it does not start with '{'");
                }
                p.skipChildren();
                if (p.nextToken() != null) {
                    throw InvalidEventException.notJsonObject(field, index, "unexpected content after the object at "
                        + location(p));
                }
            } catch (StreamConstraintsException ex) {
                // Jackson's words name its classes: "... (256, from `StreamReadConstraints.getMaxNestingDepth()`)"
                String jackson = String.valueOf(ex.getOriginalMessage());
                String what = jackson.startsWith("Document nesting")
                    ? " nests deeper than " + JsonObjectScanner.MAX_DEPTH + " levels"
                    : jackson.startsWith("Number value length")
                    ? " holds a number of more than " + JsonObjectScanner.MAX_NUMBER_DIGITS + " digits"
                    : jackson.startsWith("Name length")
                    ? " holds a key of more than " + JsonObjectScanner.MAX_KEY_CHARS + " characters"
                    : " is over a limit of JSON text"; // another of Jackson's limits: none is below the event's size
                throw InvalidEventException.ofEvent(field, index, field + " of event #" + index + what + " at "
                    + location(p));
            }
        } catch (StreamReadException ex) {
            // in the words the HTTP API and the command line use for the same JSON, none of Jackson's feature names
            String where = " at " + location(ex.getProcessor());
            String duplicate = DuplicateKeys.refusal(ex, ex.getProcessor(), field, " (event #" + index + ")" + where);
            if (duplicate != null) {
                throw InvalidEventException.ofEvent(field, index, duplicate);
            }
            String plain = JacksonWords.plain(String.valueOf(ex.getOriginalMessage()));
            throw InvalidEventException.notJsonObject(field, index, (plain.isEmpty() ? "not valid JSON" : plain)
                + where);
        } catch (IOException ex) {
            throw InvalidEventException.notJsonObject(field, index, ex.getMessage());
        }
    }

    /**
     * Throws what the scanner refused in a string Jackson read without complaint, if it finds one: an escaped
     * surrogate that is half of no pair ({@code "\\ud800"}, which Jackson reads into a Java string).
     */
    private static void explainStrings(String field, int index, byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME && t != JsonToken.VALUE_STRING) {
                    continue;
                }
                String text = p.getText();
                int i = unpairedSurrogateAt(text);
                if (i >= 0) {
                    throw InvalidEventException.ofEvent(field, index, field + " of event #" + index
                        + " holds an unpaired surrogate escape \\u" + String.format("%04x", (int) text.charAt(i))
                        + " in the " + (t == JsonToken.FIELD_NAME ? "key" : "string") + " ending at " + location(p)
                        + ": not valid Unicode text");
                }
            }
        } catch (IOException ex) {
            // explainWithJackson read it whole
        }
    }

    private static String location(JsonParser p) {
        if (p == null) {
            return "unknown position";
        }
        var loc = p.currentLocation();
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
