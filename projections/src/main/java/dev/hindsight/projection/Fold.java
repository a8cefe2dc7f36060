package dev.hindsight.projection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one form the runtime runs: a fold of events into keyed groups, each group one row of the projection's table.
 * A Java {@link Projection} is adapted to it; {@code sql-engine} compiles a {@code CREATE PROJECTION} into one.
 *
 * <p>Internal SPI between modules, not an application API. Keys and states are treated as immutable values: a
 * state put for a group is kept as that group's state from that event's seq on ({@code AS OF} reads it later).
 */
public interface Fold {

    /** The projection's name. */
    String name();

    /** What defines it, compared with a snapshot's to tell whether the snapshot belongs to this definition. */
    String fingerprint();

    /** The event names that can change a group; every other event is skipped unread. Empty: all. */
    Set<String> eventNames();

    /** Folds {@code event} into the groups it changes: {@link Groups#get} then {@link Groups#put} a new state. */
    void apply(ProjectionEvent event, Groups groups);

    /**
     * {@code failure}, thrown by {@link #apply} or while an event was prepared, in the words of the fold's language
     * (a SQL fold's SQLState and message, not Java's {@code NumberFormatException} text): what the projection's
     * status shows. Default: as it is.
     */
    default Throwable explained(Throwable failure) {
        return failure;
    }

    /** The table row of a group, or {@code null} if the group is not shown (a {@code HAVING} it fails). */
    Object[] row(Object key, Object state);

    /** The row of a table with no group yet (one-row projections), or {@code null}: no rows. */
    default Object[] emptyRow() {
        return null;
    }

    /** The table's columns, in order. */
    List<ProjectionColumn> columns();

    /**
     * The SQL type name of column {@code column} (0-based), as SQL's metadata says it
     * ({@code ResultSetMetaData.getColumnTypeName}): what an HTTP read shows. Default: its {@link ColumnType}'s.
     */
    default String typeName(int column) {
        return columns().get(column).type().typeName();
    }

    /**
     * {@code value} of column {@code column} (0-based) as SQL reads it, for a read outside SQL (the HTTP API) to show
     * the same, and for SQL's own read of the fold's table: a {@code DECIMAL} at its column's
     * {@link ProjectionColumn#readScale}, rounded half away from zero ({@code 1.2345} of a {@code DECIMAL(38, 2)}
     * column is {@code 1.23}, {@code 7} is {@code 7.00}); anything else as it is. A fold whose values have their types
     * already answers them as they are. (A Java fold's DECIMAL value is a {@link BigDecimal}: it checks each row.)
     */
    default Object sqlValue(int column, Object value) {
        return value instanceof BigDecimal d && columns().get(column).type() == ColumnType.DECIMAL
            ? d.setScale(columns().get(column).readScale(), RoundingMode.HALF_UP) : value;
    }

    /** The names of the columns that identify a row (the group key); empty for a one-row projection. */
    List<String> primaryKey();

    /**
     * How to snapshot a state; keys are written by the runtime ({@link String}, numbers, booleans or a
     * {@link List} of them). Empty: no snapshot.
     */
    Optional<StateCodec<Object>> codec();

    /**
     * The fold in two stages, if it can be split: {@link Staged#preparer} reads an event into what
     * {@link Staged#apply} needs, on any thread, so that a runner catching up with a long log prepares the next events
     * on other cores while its own thread applies them in seq order. Empty: {@link #apply} alone.
     */
    default Optional<Staged> staged() {
        return Optional.empty();
    }

    /**
     * How the history keeps this fold's states as longs, if it can: no object per kept state, so a long history
     * costs a few bytes per event and nothing for the garbage collector to trace or copy. Empty: kept as objects.
     */
    default Optional<StatePacking> packing() {
        return Optional.empty();
    }

    /** States written as {@link #width()} longs; {@code unpack(pack(s))} must equal {@code s}, same classes. */
    interface StatePacking {

        /** Longs per state. */
        int width();

        /** Writes {@code state} into {@code into[at, at + width)}; false if it cannot (then kept as an object). */
        boolean pack(Object state, long[] into, int at);

        /** The state written at {@code from[at, at + width)}. */
        Object unpack(long[] from, int at);
    }

    /** {@link #apply} split into reading an event (any thread) and changing the groups (the runner's thread). */
    interface Staged {

        /** A preparer for one thread at a time. */
        Preparer preparer();

        /** Makes the change {@link Fold#apply} makes of the event {@code prepared} was prepared from. */
        void apply(Object prepared, Groups groups);
    }

    /** Reads events for {@link Staged#apply}; used by one thread at a time. */
    interface Preparer {

        /**
         * What {@link Staged#apply} needs of {@code event}, or {@code null} if the event changes no group. A throw is
         * the event's failure, reported when its turn to be applied comes.
         */
        Object prepare(ProjectionEvent event);
    }

    /** The groups of one projection as the fold sees them: the latest state of each. */
    interface Groups {

        /** The group's latest state, or {@code null} if it has none yet. */
        Object get(Object key);

        /** Sets the group's state as of the event being applied. */
        void put(Object key, Object state);
    }
}
