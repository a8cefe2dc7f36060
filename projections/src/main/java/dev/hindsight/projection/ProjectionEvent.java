package dev.hindsight.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.log.EventView;
import dev.hindsight.log.Source;
import java.util.UUID;

/**
 * An event as a projection sees it: the stored event with its {@code data} in the newest shape its
 * {@link Upcaster}s give ({@link #schemaVersion()} is then the upcast version).
 *
 * <p>Valid only during the handler call that receives it (the runtime reuses one instance per projection); copy
 * what you keep.
 */
public interface ProjectionEvent {

    long seq();

    String streamId();

    String entityType();

    long version();

    String name();

    /** The schema version of {@link #data()}: the stored one, or the last upcaster's {@code toVersion}. */
    int schemaVersion();

    UUID eventId();

    /** Commit time, epoch milliseconds UTC. */
    long ts();

    /** Which door it came in by. */
    Source source();

    /** The payload as JSON text, upcast. */
    String data();

    /**
     * Hands the payload's UTF-8 bytes as stored to {@code sink}, without decoding them, and returns true; or returns
     * false, calling nothing, where the stored bytes are not {@link #data()} (the event is upcast) or the
     * implementation does not offer them.
     */
    default boolean dataUtf8(EventView.Utf8Sink sink) {
        return false;
    }

    /**
     * The payload as a Jackson tree, parsed at most once per event; do not modify it. Numbers are as written: a
     * fraction is a {@code BigDecimal} ({@code decimalValue()} exact, {@code 10.50} at scale 2), never a double.
     */
    ObjectNode json();

    /** The metadata as JSON text, or {@code null}. */
    String metadata();
}
