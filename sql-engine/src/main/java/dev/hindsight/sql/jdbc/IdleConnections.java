package dev.hindsight.sql.jdbc;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each remote connection was last used, so that a key at its limit of connections can take the slot of one left
 * idle ({@link ServerMeta#openConnection}). A client killed with its connections open sends nothing more: its
 * connections were held until the idle expiry (30 minutes by default), and on a server without keys, where all
 * loopback clients share one limit, every JDBC client was refused 53300 meanwhile (a hunt's finding: a crashed pool of
 * 64 locked out even {@code ./hindsight sql}). Thread-safe.
 */
final class IdleConnections {

    /** Connection id → {@link System#nanoTime()} of its last use. */
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();

    /** {@code connectionId} is used now. */
    void used(String connectionId) {
        lastUsed.put(connectionId, System.nanoTime());
    }

    /** {@code connectionId} is closed. */
    void forget(String connectionId) {
        lastUsed.remove(connectionId);
    }

    /** Forgets every connection but {@code open} (those the cache dropped when they expired). */
    void retainAll(Set<String> open) {
        lastUsed.keySet().retainAll(open);
    }

    /**
     * The one of {@code candidates} idle longest, if it has been idle for {@code idleNanos} at least and no request
     * runs on it ({@code busy}): a request that runs for long (a slow reader's fetch, a long query) is no idleness.
     */
    Optional<String> longestIdle(Collection<String> candidates, long idleNanos, Set<String> busy) {
        long now = System.nanoTime();
        String oldest = null;
        long oldestUse = 0;
        for (String id : candidates) {
            Long use = lastUsed.get(id);
            if (use != null && !busy.contains(id) && now - use >= idleNanos
                && (oldest == null || use - oldestUse < 0)) {
                oldest = id;
                oldestUse = use;
            }
        }
        return Optional.ofNullable(oldest);
    }
}
