package dev.hindsight.sql.jdbc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.calcite.avatica.Meta.StatementHandle;

/**
 * The open remote statements of each API key (principal), least recently used first, within a quota per key: a key
 * that makes one statement more than its quota has its own least recently used one closed, never another key's.
 *
 * <p>Why: Avatica's statement cache is one for all connections, bounded, and drops the least recently used of any:
 * one key making statements without closing them (a leak, or on purpose) pushed every other key's prepared statements
 * and open results out of it, their next use failing with {@code 26000} or {@code 24000}. The cache stays as a bound
 * on all keys together, set well above one key's quota.
 *
 * <pre>
 *   principal ─▶ statement number → handle, in order of use (the eldest first)
 *   made:  put last; over the quota: the eldest removed, closed by the caller if the cache still holds it
 *   used:  moved last        closed, or its connection closed: removed
 * </pre>
 *
 * Every statement a key's connections hold is counted (those of catalog requests, {@code getTables} and the like, are
 * closed as they are answered: {@code ServerMeta.catalogResult}). Thread-safe: one lock per key.
 */
final class StatementQuotas {

    private final long quota;
    private final Supplier<Set<Integer>> live;
    private final Map<String, Held> byPrincipal = new ConcurrentHashMap<>();
    /** Statement number → the statements of the key that made it. */
    private final Map<Integer, Held> byStatement = new ConcurrentHashMap<>();

    /**
     * @param quota the statements one key may hold open
     * @param live  the numbers of the statements the server's cache holds now (a view): one it dropped (idle) is
     *              not closed again
     */
    StatementQuotas(long quota, Supplier<Set<Integer>> live) {
        if (quota <= 0) {
            throw new IllegalArgumentException("a statement quota must be positive, was " + quota);
        }
        this.quota = quota;
        this.live = live;
    }

    /** One key's statements, in order of use. */
    private static final class Held {
        final LinkedHashMap<Integer, StatementHandle> byUse = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * Records {@code made}, a statement just made, as {@code principal}'s; returns that key's least recently used
     * statements beyond its quota, which the caller closes (forgotten here already).
     */
    List<StatementHandle> made(String principal, StatementHandle made) {
        Held held = byPrincipal.computeIfAbsent(principal, p -> new Held());
        byStatement.put(made.id, held);
        List<StatementHandle> over = new ArrayList<>();
        // without its signature (the text, the columns): one the cache dropped stays here until its key makes more
        StatementHandle kept = new StatementHandle(made.connectionId, made.id, null);
        synchronized (held) {
            held.byUse.put(made.id, kept);
            Set<Integer> open = held.byUse.size() > quota ? live.get() : Set.of();
            for (Iterator<StatementHandle> eldest = held.byUse.values().iterator();
                 held.byUse.size() > quota && eldest.hasNext();) {
                StatementHandle h = eldest.next();
                eldest.remove();
                byStatement.remove(h.id, held);
                if (open.contains(h.id)) {
                    over.add(h); // one the cache dropped already counted for nothing
                }
            }
        }
        return over;
    }

    /** {@code h} was used: the last of its key's to be closed. */
    void used(StatementHandle h) {
        Held held = byStatement.get(h.id);
        if (held != null) {
            synchronized (held) {
                held.byUse.get(h.id); // an access-ordered map's get moves it last
            }
        }
    }

    /** {@code h} was closed. */
    void forget(StatementHandle h) {
        Held held = byStatement.remove(h.id);
        if (held != null) {
            synchronized (held) {
                held.byUse.remove(h.id);
            }
        }
    }

    /** The statements of the closed connection {@code connectionId} were closed with it. */
    void forgetConnection(String connectionId) {
        for (Held held : byPrincipal.values()) {
            synchronized (held) {
                held.byUse.values().removeIf(h -> {
                    boolean its = connectionId.equals(h.connectionId);
                    if (its) {
                        byStatement.remove(h.id, held);
                    }
                    return its;
                });
            }
        }
    }
}
