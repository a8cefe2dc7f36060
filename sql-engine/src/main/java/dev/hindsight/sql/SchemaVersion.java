package dev.hindsight.sql;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A number that grows with every change to what SQL statements can name (DDL; projections will be the first), in
 * this process. A cached plan ({@link PlanCache}) made under an older number is not used: it may name a table that
 * changed. Thread-safe.
 */
final class SchemaVersion {

    private static final AtomicLong VERSION = new AtomicLong();

    private SchemaVersion() {
    }

    static long current() {
        return VERSION.get();
    }

    /** Called by whatever changes the schema, after the change. */
    static void changed() {
        VERSION.incrementAndGet();
    }
}
