package dev.hindsight.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.hindsight.log.NewEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One event as the body element of {@code POST /v1/streams/{id}/events} (SPEC §5): {@code {entityType, name, data,
 * metadata?, schemaVersion, expectedVersion?}}. {@code data} and {@code metadata} go in as the raw JSON text given,
 * so the server validates them exactly as it would a local append, and nothing is re-encoded on the way.
 */
final class RemoteEvents {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RemoteEvents() {
    }

    /**
     * Refuses (exit 2) a {@code --data}/{@code --metadata} text that is not one JSON object, before it is sent: the
     * server would refuse the whole body, with a message about the body rather than the option.
     */
    static void requireObject(String option, String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw CommandFailure.usage(option + " must be a JSON object, was: " + json);
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw CommandFailure.usage(option + " must be one JSON object, with nothing after it: " + json);
            }
        } catch (JsonProcessingException e) {
            throw CommandFailure.usage(option + " is not valid JSON (" + e.getOriginalMessage() + "): " + json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String cannot fail to read
        }
    }

    /** The event's JSON; {@code expectedVersion} -1 (no guard) is left out. */
    static byte[] event(String entityType, NewEvent event, long expectedVersion) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + event.data().length());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("entityType", entityType);
            g.writeStringField("name", event.name());
            g.writeFieldName("data");
            g.writeRawValue(event.data());
            if (event.metadata() != null) {
                g.writeFieldName("metadata");
                g.writeRawValue(event.metadata());
            }
            g.writeNumberField("schemaVersion", event.schemaVersion());
            if (expectedVersion != -1) {
                g.writeNumberField("expectedVersion", expectedVersion);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
