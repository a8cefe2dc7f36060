package dev.hindsight.projection;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read model written in Java: a fold {@code (state, event) -> state} over the events it handles, one row per
 * partition (or one row in all without a partition key), exposed as a SQL table named {@link #name()}.
 * Register it with {@link Projections#register(Projection)} or list it in
 * {@code META-INF/services/dev.hindsight.projection.Projection} of a jar on the classpath.
 *
 * <p><b>State must be immutable:</b> {@link #apply} returns a new state and leaves its argument alone, because
 * earlier states are kept for {@code AS OF} queries. Records are the natural fit.
 *
 * @param <S> the state of one partition
 */
public interface Projection<S> {

    /** The table name: lower-case letters, digits and {@code _}. */
    String name();

    /** The event names it handles; every other event is skipped before {@link #apply}. Empty: all. */
    Set<String> eventNames();

    /** The class of the state, so the runtime can hand states back typed. */
    Class<S> stateType();

    /** The state of a partition before its first event. */
    S initialState();

    /** The state after {@code event}. A throw marks the projection {@code failed} at that event's seq. */
    S apply(S state, ProjectionEvent event);

    /**
     * The partition key: a JSON path into the event such as {@code $.data.customerId}, {@code $.metadata.tenantId},
     * or {@code $.streamId}. Events without a value there are skipped. Empty: one partition.
     */
    default Optional<String> partitionKey() {
        return Optional.empty();
    }

    /**
     * The table's columns. With a partition key, the first column is the partition key (VARCHAR) and the table's
     * primary key.
     */
    List<ProjectionColumn> columns();

    /** The row of a partition, one value per {@link #columns()} entry, the partition key first if there is one. */
    Object[] row(String partition, S state);

    /**
     * The version of what {@link #initialState()}, {@link #apply} and {@link #row} compute: raise it when a change
     * of them changes their results. A snapshot names its version, and one of another is not used: the projection
     * replays the log from {@code seq} 1 at its next start. Without it, a changed fold of the same class went on from
     * the state the old one made (a mix no replay gives), and a read of a point before the snapshot, which replays,
     * changed the present.
     */
    default int version() {
        return 1;
    }

    /** How to snapshot the state; empty: no snapshot, caught up from {@code seq} 1 on open. */
    default Optional<StateCodec<S>> codec() {
        return Optional.empty();
    }
}
