package dev.hindsight.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the {@code data} of one event name from one schema version into the next, so that projections only know
 * the newest shape. Applied in chain order (v1 → v2 → v3 …) to what projections see; the {@code events} table keeps
 * showing what was stored. Registered in {@link Projections#register(Upcaster)} or found with
 * {@link java.util.ServiceLoader}.
 *
 * <p>Must be a pure function of its input: rebuild applies it again, and must arrive at the same state.
 */
public interface Upcaster {

    /** The event name it applies to, e.g. {@code order.placed}. */
    String eventName();

    /** The schema version it reads. */
    int fromVersion();

    /** The schema version it produces; greater than {@link #fromVersion()}. */
    int toVersion();

    /** The data in the {@link #toVersion()} shape; may modify and return {@code data}. */
    ObjectNode upcast(ObjectNode data);
}
