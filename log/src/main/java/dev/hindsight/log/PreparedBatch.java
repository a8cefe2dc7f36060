package dev.hindsight.log;

/**
 * An {@link EventLog#appendAll} checked and encoded ahead of time by {@link EventLog#prepare}: valid input, its
 * strings in UTF-8, its guards not yet checked. Immutable, so it may be handed from the thread that prepared it to the
 * one that appends it. Belongs to the log that prepared it.
 */
public final class PreparedBatch {

    final EventLog owner;
    final PreparedAppend[] parts;
    private final int events;

    PreparedBatch(EventLog owner, PreparedAppend[] parts, int events) {
        this.owner = owner;
        this.parts = parts;
        this.events = events;
    }

    /** The number of events in the batch, over all its requests. */
    public int events() {
        return events;
    }
}
