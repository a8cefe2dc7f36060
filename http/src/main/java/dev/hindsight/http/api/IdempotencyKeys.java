package dev.hindsight.http.api;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.log.AppendedEvent;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.Source;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The results of appends made with an {@code Idempotency-Key}, so that a retry gets the first result and writes
 * nothing more.
 *
 * <p><b>Durable with the append, atomically:</b> the key is not stored apart from the events. Each record of a keyed
 * append carries it ({@link EventLog#appendAll(List, Source, String)}: beside the event, not in its columns; the
 * client's metadata is left as sent), so the key is in the log exactly when the events are. On start, {@link #load}
 * rebuilds the key → result map by scanning the log from the first event younger than the retention
 * ({@link EventLog#seqAtOrBefore}), so a retry after a restart is answered as before. Only events the HTTP API
 * appended ({@link Source#HTTP}) count.
 *
 * <p><b>Expiry:</b> a key is forgotten once its append is older than the retention (default 24 h); a retry after
 * that appends again. Only successful appends are remembered: a failed one (a version conflict, an invalid event, a
 * full disk) wrote nothing, so nothing binds its key to its body, and a retry runs again whatever its body; memory
 * alone would forget it at a restart, which the log does not.
 *
 * <p><b>Same request:</b> a retry is checked against what the first request wrote before it gets the first result
 * ({@link IdempotentRetry}); the same key with another request is refused.
 *
 * <p>Thread-safe. Requests with the same key are serialised (a lock striped by key), so two concurrent requests with
 * one key append once.
 */
final class IdempotencyKeys {

    /**
     * The result of one keyed append.
     *
     * @param streamId the stream it appended to
     * @param events   what the log assigned, in order
     */
    record Outcome(String streamId, List<AppendedEvent> events) {
        Outcome {
            events = List.copyOf(events);
        }
    }

    private static final int STRIPES = 64;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> byAge = new ConcurrentLinkedQueue<>();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final long retentionMillis;
    private final Clock clock;

    private IdempotencyKeys(Duration retention, Clock clock) {
        this.retentionMillis = retention.toMillis();
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The keys of the appends in {@code log} younger than {@code retention}, read from their records. */
    static IdempotencyKeys load(EventLog log, Duration retention, Clock clock) {
        IdempotencyKeys keys = new IdempotencyKeys(retention, clock);
        long from = log.seqAtOrBefore(clock.millis() - keys.retentionMillis) + 1;
        long head = log.headSeq();
        Map<String, List<AppendedEvent>> found = new LinkedHashMap<>();
        Map<String, String> streams = new LinkedHashMap<>();
        Map<String, Long> times = new LinkedHashMap<>();
        if (from <= head) {
            log.visit(from, head, view -> {
                if (view.source() == Source.HTTP) {
                    String key = view.idempotencyKey();
                    if (key != null) {
                        List<AppendedEvent> events = found.get(key);
                        AppendedEvent last = events == null ? null : events.get(events.size() - 1);
                        if (last == null || last.seq() + 1 != view.seq() || last.ts() != view.ts()) {
                            // the key's first append, or a later one made after the first expired: the newest
                            // counts, as it does in memory (one append's records are consecutive and share a ts;
                            // one made after another expired is younger by more than the retention then)
                            events = new ArrayList<>();
                            found.put(key, events);
                            streams.put(key, view.streamId());
                            times.put(key, view.ts());
                        }
                        events.add(new AppendedEvent(view.seq(), view.version(), view.eventId(), view.ts()));
                    }
                }
                return true;
            });
        }
        found.forEach((key, events) -> keys.remember(key, new Outcome(streams.get(key), events), times.get(key)));
        return keys;
    }

    /**
     * {@code key} as the log stores it and this map holds it: as given on a server without API keys, where every
     * client is the loopback one; with keys, the caller's own ({@link ApiKeys.Caller#own}: a digest of its key's name
     * and the key), so that each API key has keys of its own: two services that both send {@code Idempotency-Key:
     * order-123} (an id of their own) got each other's first answer or a {@code 422} naming the other's stream, and a
     * writer could claim another's key ahead of it. 65 characters whatever the key's length, within the log's limit.
     */
    static String stored(String key, ApiKeys.@Nullable Caller caller) {
        return caller == null ? key : caller.own(key);
    }

    /** How many keys are remembered (expired ones may still count until the next append sweeps them). */
    int size() {
        return entries.size();
    }

    /**
     * The outcome remembered for {@code key}, once {@code retry} has accepted it, or else the outcome of
     * {@code append}, which is remembered if it succeeds. Both run with the key's lock held: a request that waited for
     * a concurrent one with its key is checked against that one's outcome.
     *
     * @param retry judges a request whose key is remembered, given the first outcome: throws to refuse it
     */
    Outcome appendOnce(String key, Consumer<Outcome> retry, Supplier<Outcome> append) {
        ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), STRIPES)];
        lock.lock();
        try {
            Optional<Outcome> known = lookup(key);
            if (known.isPresent()) {
                retry.accept(known.get());
                return known.get();
            }
            Outcome outcome = append.get();
            remember(key, outcome, outcome.events().get(0).ts());
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /** The outcome remembered for {@code key}, if it has not expired. */
    Optional<Outcome> lookup(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (expired(e)) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.outcome);
    }

    private void remember(String key, Outcome outcome, long ts) {
        Entry e = new Entry(key, outcome, ts);
        entries.put(key, e);
        byAge.add(e);
        sweep();
    }

    private void sweep() {
        Entry oldest;
        while ((oldest = byAge.peek()) != null && expired(oldest)) {
            byAge.poll();
            entries.remove(oldest.key, oldest);
        }
    }

    private boolean expired(Entry e) {
        return clock.millis() - e.ts > retentionMillis;
    }

    private record Entry(String key, Outcome outcome, long ts) {
    }
}
