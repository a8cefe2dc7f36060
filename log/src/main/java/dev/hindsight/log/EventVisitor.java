package dev.hindsight.log;

/** Receives the events of {@link EventLog#visit}, in order; returns {@code false} to stop. */
@FunctionalInterface
public interface EventVisitor {

    boolean visit(EventView event);
}
