package dev.hindsight.sql;

import dev.hindsight.log.EventLog;

/**
 * What one SQL connection shares with its tables: the log and the session's time travel point ({@code asOf}
 * property, {@code SET as_of}). A connection is used by one thread at a time, as JDBC expects; the as-of point is
 * volatile so that a statement always sees the latest setting.
 */
final class SqlSession {

    private final EventLog log;
    private volatile AsOf asOf;

    SqlSession(EventLog log, AsOf asOf) {
        this.log = log;
        this.asOf = asOf;
    }

    EventLog log() {
        return log;
    }

    /** The session's as-of point, or {@code null} when it reads the present. */
    AsOf asOf() {
        return asOf;
    }

    void asOf(AsOf point) {
        this.asOf = point;
    }
}
