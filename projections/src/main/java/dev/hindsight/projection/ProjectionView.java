package dev.hindsight.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of one projection with its history: every group's {@link GroupHistory}, and the position (last applied
 * seq) readers bound themselves by. Written by one runner; read by any thread.
 */
final class ProjectionView {

    private final Map<Object, GroupHistory> groups = new ConcurrentHashMap<>();
    /** States at seqs below this are not known (the view started from a snapshot of only the latest states). */
    private final long exactFrom;
    private volatile long position;
    /** How groups created from now on keep their states; set before the runner starts (null: as objects). */
    private Fold.StatePacking packing;

    ProjectionView(long position, long exactFrom) {
        this.position = position;
        this.exactFrom = exactFrom;
    }

    /** An empty view that will apply the log from seq 1. */
    static ProjectionView empty() {
        return new ProjectionView(0, 0);
    }

    long position() {
        return position;
    }

    /** Runner only: every event up to {@code seq} is applied. */
    void advance(long seq) {
        position = seq;
    }

    /** Whether {@code bound} can be answered exactly: the view holds history back to it. */
    boolean exactAt(long bound) {
        return bound >= exactFrom;
    }

    int groupCount() {
        return groups.size();
    }

    /** Runner only. */
    GroupHistory group(Object key) {
        return groups.get(key);
    }

    /** Before the runner starts: groups created from then on keep their states packed. */
    void packWith(Fold.StatePacking packing) {
        this.packing = packing;
    }

    /** Runner only. */
    GroupHistory groupOrNew(Object key) {
        GroupHistory g = groups.get(key);
        return g != null ? g : groups.computeIfAbsent(key, k -> new GroupHistory(2, packing));
    }

    /** Runner only (or while the runner is stopped): the groups, for a snapshot. */
    Map<Object, GroupHistory> groups() {
        return groups;
    }

    /**
     * The rows as of {@code bound}, clipped to the position: one per group that has a state then, else the fold's
     * empty row if it has one.
     */
    List<Object[]> rows(Fold fold, long bound) {
        long at = Math.min(bound, position);
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<Object, GroupHistory> e : groups.entrySet()) {
            Object state = e.getValue().stateAt(at);
            Object[] row = state == null ? null : fold.row(e.getKey(), state);
            if (row != null) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            Object[] empty = fold.emptyRow();
            if (empty != null) {
                rows.add(empty);
            }
        }
        return rows;
    }

    /** Versions kept in all, for the memory figures. */
    long versionCount() {
        long n = 0;
        for (GroupHistory g : groups.values()) {
            n += g.size();
        }
        return n;
    }
}
