package dev.hindsight.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
