package dev.hindsight.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registered {@link Upcaster}s, applied in chain order: from the stored schema version, the upcaster that reads
 * it, then the one that reads its output, and so on. Thread-safe; registration is rare, lookups are per event.
 */
final class UpcasterChain {

    private final CopyOnWriteArrayList<Upcaster> all = new CopyOnWriteArrayList<>();
    /** name → from-version → upcaster; replaced whole on registration. */
    private volatile Map<String, Map<Integer, Upcaster>> byName = Map.of();

    /**
     * @throws IllegalArgumentException if the versions do not go up, or another upcaster reads the same name and
     *                                  version
     */
    synchronized void register(Upcaster upcaster) {
        if (upcaster.toVersion() <= upcaster.fromVersion()) {
            throw new IllegalArgumentException("upcaster for '" + upcaster.eventName() + "' goes from version "
                + upcaster.fromVersion() + " to " + upcaster.toVersion() + ": it must go up");
        }
        Map<String, Map<Integer, Upcaster>> next = new HashMap<>();
        byName.forEach((name, map) -> next.put(name, new HashMap<>(map)));
        Upcaster before = next.computeIfAbsent(upcaster.eventName(), n -> new HashMap<>())
            .putIfAbsent(upcaster.fromVersion(), upcaster);
        if (before != null) {
            throw new IllegalArgumentException("two upcasters read '" + upcaster.eventName() + "' version "
                + upcaster.fromVersion());
        }
        all.add(upcaster);
        byName = next;
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** Whether an event of this name and version is upcast at all (no JSON is parsed otherwise). */
    boolean applies(String name, int schemaVersion) {
        Map<Integer, Upcaster> map = byName.get(name);
        return map != null && map.containsKey(schemaVersion);
    }

    /**
     * Upcasts {@code data} along the chain from {@code schemaVersion}; returns the final version, the data modified
     * in place (or replaced: {@code out[0]}).
     */
    int upcast(String name, int schemaVersion, ObjectNode[] data) {
        Map<Integer, Upcaster> map = byName.get(name);
        int version = schemaVersion;
        Upcaster next = map == null ? null : map.get(version);
        int steps = 0;
        while (next != null) {
            data[0] = next.upcast(data[0]);
            version = next.toVersion();
            next = map.get(version);
            if (++steps > map.size()) {
                break; // versions only go up, so a chain cannot loop; this guards the impossible
            }
        }
        return version;
    }
}
