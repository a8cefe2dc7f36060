package dev.hindsight.sql.jdbc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.Meta.StatementHandle;

/**
 * The connections and statements a request is running on now. Avatica's caches judge idleness from the last access
 * to an entry, and a request touches its entries as it starts only: a statement running longer than the statement
 * expiry (a connection longer than the connection expiry) was closed under its request by the expiry check
 * ({@link ServerMeta#closeExpired}), which touches these first. Counted, as two requests may run on one statement or
 * connection at once (a fetch and a cancel's close, two statements of one connection). Thread-safe.
 */
final class BusyHandles {

    private final ConcurrentHashMap<String, Integer> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Integer> statements = new ConcurrentHashMap<>();

    /** A request starts on {@code h}. Pair with {@link #exit} in a {@code finally}. */
    void enter(StatementHandle h) {
        connections.merge(h.connectionId, 1, Integer::sum);
        statements.merge(h.id, 1, Integer::sum);
    }

    /** The request on {@code h} ended. */
    void exit(StatementHandle h) {
        connections.computeIfPresent(h.connectionId, (id, n) -> n == 1 ? null : n - 1);
        statements.computeIfPresent(h.id, (id, n) -> n == 1 ? null : n - 1);
    }

    /** The ids of connections a request runs on now (a live view). */
    Set<String> connections() {
        return connections.keySet();
    }

    /** The ids of statements a request runs on now (a live view). */
    Set<Integer> statements() {
        return statements.keySet();
    }
}
