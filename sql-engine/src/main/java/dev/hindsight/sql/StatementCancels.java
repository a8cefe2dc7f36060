package dev.hindsight.sql;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cancels of one session's statements, each a flag its run checks (Avatica's, one per statement), and the runs
 * past their append, which a cancel no longer reaches.
 *
 * <p>Why: once an INSERT has appended, Calcite still reads its count through a result set whose {@code next()} fails
 * on a raised flag ("Statement canceled", an internal error): a cancel in that window reported the statement failed
 * with every event of it appended, and a retry appended them twice. Lowering the flag after the append left a window
 * of microseconds for a cancel to raise it again (a clean-clone run failed on it); here the lowering and the mark
 * that shuts the cancel out are one step under one lock, and a cancel raises the flag only under that lock.
 */
public final class StatementCancels {

    /** The flags of the runs that have appended; a run's start takes its flag out. Guarded by {@code this}. */
    private final Set<AtomicBoolean> appended = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Raises {@code flag}, unless its run has appended (the cancel is dropped: the run has done its work). */
    public synchronized void cancel(AtomicBoolean flag) {
        if (!appended.contains(flag)) {
            flag.set(true);
        }
    }

    /** A run starts with its flag down, open to cancels, as PostgreSQL drops a cancel that came while nothing ran. */
    public synchronized void starting(AtomicBoolean flag) {
        appended.remove(flag);
        flag.set(false);
    }

    /** The run under {@code flag} has appended: a cancel that came meanwhile is dropped, and later ones too. */
    synchronized void appended(AtomicBoolean flag) {
        appended.add(flag);
        flag.set(false);
    }

    /** The statement of {@code flag} is closed: nothing of it is kept. */
    public synchronized void closed(AtomicBoolean flag) {
        appended.remove(flag);
    }
}
