package dev.hindsight.sql.jdbc;

import java.lang.ref.WeakReference;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Which remote connection made each server-side statement, and the statement itself, for a cancel ({@link #cancel}).
 * Avatica's {@code JdbcMeta} finds a statement by its number alone ({@code StatementHandle.id}), ignoring the
 * connection the request names, and numbers count up from 1: without this, a client could execute, read or close any
 * other connection's statement by guessing its number — a {@code read} key running another connection's prepared
 * INSERT with the writer's rights. Connection ids are random (the client's UUID), so a statement asked for with the
 * connection that made it is the client's own.
 *
 * <p>Entries go when their statement is closed or its connection is; a statement the server's cache dropped on its
 * own (idle, or the cache full) is forgotten once the map holds twice the cache's capacity, by keeping only the
 * statements the cache still has. Thread-safe.
 */
final class StatementOwners {

    /** Statement number → the connection that made it, with the statement. */
    private final Map<Integer, Owner> owners = new ConcurrentHashMap<>();
    private final long prune;
    private final Supplier<Set<Integer>> live;

    /**
     * @param capacity the server's statement cache's capacity
     * @param live     the numbers of the statements that cache holds now (a view)
     */
    StatementOwners(long capacity, Supplier<Set<Integer>> live) {
        this.prune = Math.max(64, 2 * capacity);
        this.live = live;
    }

    /**
     * {@code made}, a statement just made for the connection it names, recorded as that connection's.
     *
     * @param statement the embedded statement behind it, or {@code null} if not known (it cannot be canceled then)
     */
    StatementHandle made(StatementHandle made, @Nullable Statement statement) {
        if (owners.size() >= prune) {
            owners.keySet().retainAll(live.get());
        }
        owners.put(made.id, new Owner(made.connectionId, new WeakReference<>(statement)));
        return made;
    }

    /**
     * Cancels {@code h}'s statement ({@code Statement.cancel()}: what it runs now stops with 57014) if the connection
     * {@code h} names made it; else nothing, and nothing said: a cancel tells no one which statements exist.
     */
    void cancel(StatementHandle h) {
        Owner owner = ours(h);
        Statement statement = owner == null ? null : owner.statement.get();
        try {
            if (statement != null && !statement.isClosed()) {
                statement.cancel(); // the embedded statement's: raises its flag, takes no lock, waits for nothing
            }
        } catch (SQLException closed) {
            // closed meanwhile: nothing runs
        }
    }

    /**
     * {@code h} if the connection it names made the statement it names; else a statement that does not exist, as
     * Avatica answers for one it dropped.
     */
    StatementHandle check(StatementHandle h) throws NoSuchStatementException {
        if (ours(h) == null) {
            throw new NoSuchStatementException(h);
        }
        return h;
    }

    /**
     * Forgets {@code h}'s statement if its connection made it; whether it may be closed: if that connection made it,
     * or if it is not recorded here (one the server's cache dropped, and this map pruned, or a catalog result's, closed
     * as it was answered: closing it does nothing).
     */
    boolean forget(StatementHandle h) {
        Owner owner = owners.get(h.id);
        return owner == null || (owner.connectionId.equals(h.connectionId) && owners.remove(h.id, owner));
    }

    /** Forgets the statements of a closed connection; their numbers. */
    List<Integer> forgetConnection(String connectionId) {
        List<Integer> forgotten = new ArrayList<>();
        owners.entrySet().removeIf(e -> {
            boolean its = e.getValue().connectionId.equals(connectionId);
            if (its) {
                forgotten.add(e.getKey());
            }
            return its;
        });
        return forgotten;
    }

    /** {@code h}'s statement's entry if the connection {@code h} names made it, else {@code null}. */
    private @Nullable Owner ours(StatementHandle h) {
        Owner owner = owners.get(h.id);
        return owner != null && owner.connectionId.equals(h.connectionId) ? owner : null;
    }

    /**
     * A statement's connection (its id) and the embedded statement, if known: weakly, as the server's statement cache
     * holds a live one, and an entry may outlive its statement (dropped by the cache) until it is pruned.
     */
    private record Owner(String connectionId, WeakReference<@Nullable Statement> statement) {
    }
}
