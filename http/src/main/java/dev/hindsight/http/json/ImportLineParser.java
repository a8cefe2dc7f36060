package dev.hindsight.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.hindsight.log.DuplicateKeys;
import dev.hindsight.log.JacksonWords;
import dev.hindsight.log.NewEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads one line of an import file: a JSON object in the line format of SPEC §6, as {@code export} writes it.
 *
 * <ul>
 *   <li>{@code streamId}, {@code entityType}, {@code name} (strings) and {@code data} (an object) are required;</li>
 *   <li>{@code metadata} is an object, or {@code null} or absent for none;</li>
 *   <li>{@code schemaVersion} is an integer {@code >= 1}, default 1;</li>
 *   <li>{@code version} is an integer {@code >= 1} or {@code null}/absent; when present it guards the append;</li>
 *   <li>{@code seq}, {@code eventId}, {@code ts}, {@code source} are accepted and ignored: the log assigns them;</li>
 *   <li>any other field is refused, so a misspelt {@code metdata} is not dropped silently;</li>
 *   <li>a key given twice, a field or a key of {@code data} or {@code metadata} at any depth, is refused, naming
 *       its path as the HTTP API does ({@link DuplicateKeys}): {@code field data.a is given twice at column 30}.</li>
 * </ul>
 *
 * <p>The line must be well-formed UTF-8 ({@link Utf8}): a malformed sequence anywhere is refused, naming the field
 * whose value holds it and its column (in bytes, from 1), never replaced by U+FFFD.
 *
 * <p>{@code data} and {@code metadata} are kept as their exact text in the line (no re-serialisation), so an
 * import stores byte for byte what the export held. Single pass, Jackson's streaming parser, no tree.
 * Not thread-safe (it keeps the strings of recent ids and names, {@link StringCache}): one per reading thread.
 */
public final class ImportLineParser {

    /** Each key once in each object, at any depth, as in every JSON the server takes ({@link DuplicateKeys}). */
    private static final JsonFactory JSON = JsonFactory.builder()
        // the line's own object is a level: data or metadata nested 256 deep, which the log takes, is 257 here
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonLimits.MAX_DEPTH + 1).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: \\d+, column: (\\d+)]");

    private final StringCache strings = new StringCache();

    private static final String KNOWN = "seq, streamId, entityType, version, name, schemaVersion, eventId, ts, "
        + "source, data, metadata";

    /** A line that is not a valid event; the message says what is wrong, without the line number. */
    public static final class BadLineException extends Exception {

        private static final long serialVersionUID = 1L;

        BadLineException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses the line in {@code bytes[start, start + length)}.
     *
     * @throws BadLineException naming the field at fault and the problem
     */
    public ImportLine parse(byte[] bytes, int start, int length) throws BadLineException {
        int bad = Utf8.invalidAt(bytes, start, start + length);
        if (bad >= 0) {
            throw new BadLineException(fieldAt(bytes, start, bad - start) + " holds invalid UTF-8 at column "
                + (bad - start + 1) + " (" + Utf8.problemAt(bytes, bad, start + length) + ")");
        }
        JsonParser p;
        try {
            p = JSON.createParser(bytes, start, length);
        } catch (IOException e) {
            throw new BadLineException("cannot be read: " + e.getMessage());
        }
        try (p) {
            return parse(p, bytes, start, start + length);
        } catch (StreamConstraintsException e) {
            // no location of its own, and Jackson's words name its classes: said as the log says it
            int at = p.currentLocation().getColumnNr() - 1; // a line is one line: its column is its byte
            throw new BadLineException(fieldAt(bytes, start, Math.max(0, Math.min(at, length))) + JsonLimits.over(e)
                + " at column " + (at + 1));
        } catch (StreamReadException e) {
            String where = " at column " + e.getLocation().getColumnNr();
            JsonParser at = e.getProcessor();
            String duplicate = at == null ? null : DuplicateKeys.refusal(e, at, where);
            if (duplicate != null) {
                throw new BadLineException(duplicate);
            }
            throw new BadLineException("not valid JSON: " + JacksonWords.plain(withoutSource(e.getOriginalMessage()))
                + where);
        } catch (IOException e) {
            throw new BadLineException("cannot be read: " + e.getMessage());
        }
    }

    /**
     * The top-level field whose value holds byte {@code at} of the line: parses the (well-formed) bytes before it and
     * sees where that stops. {@code "the line"} outside any value, {@code "a field name"} inside one.
     */
    private static String fieldAt(byte[] bytes, int start, int at) {
        String field = null;
        boolean inValue = false;
        int depth = 0;
        try (JsonParser p = JSON.createParser(bytes, start, at)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && depth == 1) {
                    field = p.currentName();
                    inValue = true;
                    continue;
                }
                if (t == JsonToken.VALUE_STRING) {
                    // Jackson reads a string's text only when asked: ask, so a cut-off string fails here
                    p.getText();
                }
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
                if (depth <= 1) {
                    inValue = false;
                }
            }
        } catch (IOException e) {
            if (!inValue && e.getMessage() != null && e.getMessage().contains("in field name")) {
                return "a field name";
            }
        }
        return inValue ? field : "the line";
    }

    /** Jackson names positions as "[Source: ...; line: 1, column: 7]"; a line's column says it all. */
    private static String withoutSource(String message) {
        return SOURCE_LOCATION.matcher(message).replaceAll("column $1");
    }

    private ImportLine parse(JsonParser p, byte[] bytes, int start, int end) throws IOException, BadLineException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BadLineException("expected a JSON object {\"streamId\": ..., \"entityType\": ..., \"name\": ..., "
                + "\"data\": {...}}, found " + describe(p.currentToken()));
        }
        String streamId = null;
        String entityType = null;
        String name = null;
        String data = null;
        String metadata = null;
        long version = 0;
        int schemaVersion = 1;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) { // a field given twice: the parser refuses it
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "streamId" -> streamId = string(p, field, value, bytes, start, end);
                case "entityType" -> entityType = string(p, field, value, bytes, start, end);
                case "name" -> name = string(p, field, value, bytes, start, end);
                case "data" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw new BadLineException("data must be a JSON object, found " + describe(value));
                    }
                    data = rawObject(p, bytes, start);
                }
                case "metadata" -> {
                    if (value == JsonToken.START_OBJECT) {
                        metadata = rawObject(p, bytes, start);
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw new BadLineException("metadata must be a JSON object or null, found " + describe(value));
                    }
                }
                case "version" -> version = value == JsonToken.VALUE_NULL ? 0 : positive(p, field, value);
                case "schemaVersion" -> schemaVersion = value == JsonToken.VALUE_NULL ? 1 : schemaVersion(p, value);
                case "seq", "eventId", "ts", "source" -> p.skipChildren();
                default -> throw new BadLineException("unknown field '" + field + "' (known: " + KNOWN + ")");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new BadLineException("expected a field name, found " + describe(t));
        }
        if (p.nextToken() != null) {
            throw new BadLineException("unexpected content after the JSON object at column "
                + p.currentTokenLocation().getColumnNr() + " (one event per line)");
        }
        requirePresent(streamId, "streamId");
        requirePresent(entityType, "entityType");
        requirePresent(name, "name");
        requirePresent(data, "data");
        return new ImportLine(streamId, entityType, version, new NewEvent(name, data, metadata, schemaVersion));
    }

    /**
     * The string value at the parser; one without escapes is taken from the line's bytes through {@link #strings}
     * (Jackson then skips it rather than decoding it).
     */
    private String string(JsonParser p, String field, JsonToken value, byte[] bytes, int start, int end)
        throws IOException, BadLineException {
        if (value != JsonToken.VALUE_STRING) {
            throw new BadLineException(field + " must be a string, found " + describe(value));
        }
        // the token starts at its opening quote; offsets are relative to the span the parser was created on
        int from = start + (int) p.currentTokenLocation().getByteOffset() + 1;
        for (int i = from; i < end; i++) {
            byte c = bytes[i];
            if (c == '"') {
                return strings.get(bytes, from, i);
            }
            if (c == '\\' || (c >= 0 && c < 0x20)) {
                // an escape, or a control character Jackson refuses: Jackson's own reading
                break;
            }
        }
        return p.getText();
    }

    private static long positive(JsonParser p, String field, JsonToken value) throws IOException,
        BadLineException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new BadLineException(field + " must be an integer >= 1 or null, found " + describe(value));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new BadLineException(field + " " + p.getText() + " is out of range");
        }
        long v = p.getLongValue();
        if (v < 1) {
            throw new BadLineException(field + " must be >= 1, was " + v);
        }
        return v;
    }

    private static int schemaVersion(JsonParser p, JsonToken value) throws IOException, BadLineException {
        long v = positive(p, "schemaVersion", value);
        if (v > Integer.MAX_VALUE) {
            throw new BadLineException("schemaVersion must be at most " + Integer.MAX_VALUE + ", was " + v);
        }
        return (int) v;
    }

    /** The exact text of the object whose START_OBJECT is the current token, copied from the line. */
    private static String rawObject(JsonParser p, byte[] bytes, int start) throws IOException {
        // offsets are relative to the span the parser was created on
        long from = p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        long to = p.currentLocation().getByteOffset();
        return new String(bytes, start + (int) from, (int) (to - from), StandardCharsets.UTF_8);
    }

    private static void requirePresent(String value, String field) throws BadLineException {
        if (value == null) {
            throw new BadLineException("missing field '" + field + "'");
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the line";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }
}
