package dev.hindsight.projection;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.RecordedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The projections of one log: each runs on a thread of its own, follows the log live and answers reads as of any
 * seq. Open one per log ({@link #open}); close it before the log.
 *
 * <p><b>Reads</b> ({@link #rows}) wait until the projection has applied the seq they read at (its lag, normally a
 * few milliseconds), so a query sees every event its statement could see; a failed projection answers as of the
 * event before its failure without waiting.
 *
 * <p><b>Rebuild and replacement</b> build a fresh state beside the one that answers, from seq 1, and swap when it
 * has caught up with the log: a read sees the old state or the new, never a half-built one.
 *
 * <p>Thread-safe.
 */
public final class Projections implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Projections.class.getName());

    /** How many events a projection applies between two snapshots. */
    public static final long DEFAULT_SNAPSHOT_EVERY = 1_000_000;

    private final EventLog log;
    private final ProjectionFiles files;
    private final long snapshotEvery;
    private final UpcasterChain upcasters = new UpcasterChain();
    private final Map<String, ProjectionRunner> live = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> building = new ConcurrentHashMap<>();
    /** The one build per name that may swap its runner in ({@link #replace}); a superseded or dropped one may not. */
    private final Map<String, Object> builds = new ConcurrentHashMap<>();
    /** Stored definitions that did not compile on open, by name: why not. Listed as failed; their files stay. */
    private final Map<String, String> uncompiled = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private Projections(EventLog log, long snapshotEvery) {
        this.log = log;
        Path dir = log.config().dataDir();
        this.files = dir == null ? null : new ProjectionFiles(dir);
        this.snapshotEvery = snapshotEvery;
    }

    /**
     * The projections of {@code log}, with the {@link Upcaster}s and {@link Projection}s found by
     * {@link ServiceLoader} on the class path already registered. SQL definitions stored in the data directory
     * ({@link #storedDefinitions()}) are compiled and registered by the SQL layer.
     *
     * @throws IllegalStateException if one found cannot be registered (its class missing, its name taken, …), naming
     *                               it; none then runs
     */
    public static Projections open(EventLog log) {
        return open(log, DEFAULT_SNAPSHOT_EVERY);
    }

    /** {@link #open(EventLog)} with a snapshot every {@code snapshotEvery} applied events. */
    public static Projections open(EventLog log, long snapshotEvery) {
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be positive, not " + snapshotEvery);
        }
        Projections p = new Projections(log, snapshotEvery);
        try {
            for (Upcaster u : ServiceLoader.load(Upcaster.class)) {
                p.register(u);
            }
            for (Projection<?> projection : ServiceLoader.load(Projection.class)) {
                p.register(projection);
            }
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            // a provider class that is missing (ServiceConfigurationError), or one it needs (NoClassDefFoundError), a
            // name taken twice, a bad partition key: the ones started stop, and the caller gets one exception saying
            // which, not an Error
            IllegalStateException refused = new IllegalStateException("a projection or upcaster on the class path "
                + "cannot be registered: " + e, e);
            try {
                p.close();
            } catch (RuntimeException closing) {
                refused.addSuppressed(closing);
            }
            throw refused;
        }
        return p;
    }

    /** Adds an upcaster; projections see its effect from the next event on ({@link #rebuild} to apply it to all). */
    public void register(Upcaster upcaster) {
        upcasters.register(upcaster);
    }

    /**
     * Starts a Java-defined projection: from its snapshot if it has one for this definition, else from seq 1.
     *
     * @throws IllegalArgumentException if the name is taken or not a valid table name
     */
    public void register(Projection<?> projection) {
        start(new JavaFold<>(projection), null);
    }

    /**
     * Starts a projection of another module's making (the SQL layer's {@code CREATE PROJECTION}) from the text
     * {@code definition}; it takes the place of a stored definition of that name that did not compile
     * ({@link #uncompiled}). Nothing is stored yet: {@link #keep} stores the definition, so it comes back on open,
     * once the statement accepts the projection, and {@link #withdraw} takes it back. A crash in between leaves the
     * data directory as it was, as a statement that never returned should. Internal SPI.
     *
     * @throws IllegalArgumentException if the name is taken or not a valid table name
     */
    public void create(Fold fold, String definition) {
        start(fold, definition);
    }

    /**
     * Stores the definition of a projection {@link #create}d from it in the data directory, so it comes back on open
     * (no write if that is the stored text already). Nothing is stored if {@code fold} no longer holds its name (a
     * DROP or a CREATE OR REPLACE came first: the name is theirs). Internal SPI.
     *
     * @throws ProjectionFileException if the file system does not write it (the projection runs on: {@link #withdraw})
     */
    public synchronized void keep(Fold fold, String definition) {
        String name = fold.name();
        if (holdsItsName(fold) && files != null && !definition.equals(files.definition(name))) {
            files.saveDefinition(name, definition);
        }
    }

    private synchronized void start(Fold fold, String definition) {
        String name = checkName(fold.name());
        // a stored definition that did not compile holds its name against a Java projection, as against SQL's CREATE
        if (live.containsKey(name) || (definition == null && uncompiled.containsKey(name))) {
            throw new IllegalArgumentException("projection " + name + " exists already");
        }
        ProjectionView start = snapshotOf(fold).orElseGet(ProjectionView::empty);
        ProjectionRunner runner = new ProjectionRunner(fold, log, upcasters, files, start, snapshotEvery, true);
        live.put(name, runner);
        uncompiled.remove(name);
        runner.start();
        changed();
    }

    /**
     * Records that the stored definition of {@code name} ({@link #storedDefinitions()}) does not compile any more,
     * e.g. after an upgrade: the projection is listed by {@link #statuses()} as {@code failed} with {@code reason},
     * its stored definition is kept, and it cannot be read, awaited or rebuilt, until {@link #create} replaces it or
     * {@link #drop} removes it. Internal SPI, for the SQL layer, which compiles the definitions.
     *
     * @throws IllegalArgumentException if {@code name} is no projection's name (a stored file named otherwise)
     */
    public synchronized void uncompiled(String name, String reason) {
        checkName(name);
        if (!live.containsKey(name)) {
            uncompiled.put(name, reason);
            changed();
        }
    }

    /**
     * Whether a projection holds {@code name}: one that runs, or a stored definition that did not compile (which a
     * {@code CREATE} without {@code OR REPLACE} or a Java projection may not take).
     */
    public boolean holds(String name) {
        return live.containsKey(name) || uncompiled.containsKey(name);
    }

    /** Why the stored definition of {@code name} did not compile, if it is one that did not ({@link #uncompiled}). */
    public Optional<String> uncompiled(String name) {
        return Optional.ofNullable(uncompiled.get(name));
    }

    /**
     * Builds {@code fold} beside the projection of the same name from seq 1 while the old one keeps answering, and
     * swaps them once the new one has caught up with the log ({@code CREATE OR REPLACE}); the future completes
     * then. A {@code definition} replaces the stored one at the swap.
     *
     * @throws IllegalArgumentException if there is no such projection running ({@link #create} replaces one whose
     *                                  stored definition did not compile)
     */
    public CompletableFuture<Void> replace(Fold fold, String definition) {
        String name = fold.name();
        if (!live.containsKey(name)) {
            throw new NoSuchProjectionException(name);
        }
        return build(name, fold, definition);
    }

    /**
     * Starts a build of {@code name} from seq 1, superseding a running one ({@code fold} non-null: a replacement), or
     * joins the running one ({@code fold} null: a rebuild of the fold there). One step under the map's lock: two
     * readers asking for a rebuild at once share it, not cancel each other's.
     */
    private CompletableFuture<Void> build(String name, Fold fold, String definition) {
        return building.compute(name, (n, running) -> {
            if (running != null && !running.isDone()) {
                if (fold == null) {
                    return running;
                }
                running.cancel(false);
            }
            // the fold there now: a replacement swapped in since the caller looked must not be rebuilt over
            Fold target = fold != null ? fold : runner(name).fold();
            // the build that may swap: one superseded while it ran stops instead (a cancel does not stop its thread,
            // and it swapped in over the later definition once caught up, and stored its own)
            Object build = new Object();
            builds.put(name, build);
            // a thread of its own: a build blocks for as long as the replay takes, not a shared pool's worker
            return CompletableFuture.runAsync(() -> buildAndSwap(target, definition, build), task -> {
                Thread t = new Thread(task, "hindsight-rebuild-" + name);
                t.setDaemon(true);
                t.start();
            });
        });
    }

    /**
     * {@link #replace} with the same definition: the state from seq 1 again, e.g. after adding an upcaster.
     *
     * @throws IllegalArgumentException if there is no such projection
     * @throws UncompiledProjectionException if its stored definition did not compile ({@link #uncompiled})
     */
    public CompletableFuture<Void> rebuild(String name) {
        runner(name); // its refusals first, also where a build is running that this one would join
        return build(name, null, null);
    }

    private void buildAndSwap(Fold fold, String definition, Object build) {
        String name = fold.name();
        ProjectionRunner fresh = new ProjectionRunner(fold, log, upcasters, files, ProjectionView.empty(),
            snapshotEvery, false);
        fresh.start();
        // the head when the build began: a failed state's position is stale, and a new definition reaching only that
        // far had not met the events it might fail on (it took the name, the old definition lost)
        long head = log.headSeq();
        try {
            while (true) {
                ProjectionRunner old = live.get(name);
                if (old == null || fresh.failed() || builds.get(name) != build) {
                    fresh.stop(false);
                    if (fresh.failed()) {
                        throw new IllegalStateException("projection " + name + " " + fresh.error(), fresh.failure());
                    }
                    // dropped or superseded: the statement waiting on this build learns it never took effect
                    throw new CancellationException("projection " + name + " was dropped or replaced again while "
                        + "this definition was built");
                }
                // caught up = with the log as the build found it, and at least as far as the state that answers
                // now, so no reader sees time go back
                if (fresh.await(Math.max(head, old.position()), 1_000, Projections::never)
                    && swap(name, old, fresh, definition, build)) {
                    changed();
                    return;
                }
            }
        } catch (InterruptedException e) {
            fresh.stop(false);
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean swap(String name, ProjectionRunner old, ProjectionRunner fresh, String definition,
                                      Object build) {
        if (live.get(name) != old || fresh.position() < old.position() || builds.get(name) != build
            || fresh.failed()) {
            return false; // the loop sees a superseded or failed build and stops it
        }
        if (definition != null && files != null) {
            // first: a definition that cannot be stored (a full disk) fails the build, the old one answering on
            try {
                files.saveDefinition(name, definition);
            } catch (RuntimeException e) {
                fresh.stop(false);
                throw e;
            }
        }
        live.put(name, fresh);
        fresh.enableSnapshots();
        old.stop(false);
        return true;
    }

    /**
     * Takes back a {@link #create} not {@link #keep kept} (its fold failed on the log it met, or its definition could
     * not be stored: the SQL layer refuses such a statement and creates nothing): stops and forgets the projection and
     * its snapshot, and lists again what held the name before it, a stored definition that did not compile (its file
     * untouched), failed with {@code previousReason} if that is not {@code null}. Nothing happens if {@code fold} no
     * longer holds its name (a DROP or a CREATE OR REPLACE came first). Internal SPI.
     */
    public synchronized void withdraw(Fold fold, String previousReason) {
        String name = fold.name();
        if (!holdsItsName(fold)) {
            return;
        }
        live.remove(name).stop(false);
        if (files != null) {
            files.deleteSnapshot(name);
        }
        if (previousReason != null) {
            uncompiled.put(name, previousReason);
        }
        changed();
    }

    /** Whether {@code fold} is the one that answers for its name (not dropped or replaced since). */
    private boolean holdsItsName(Fold fold) {
        ProjectionRunner r = live.get(fold.name());
        return r != null && r.fold() == fold;
    }

    /**
     * Stops and forgets a projection, its stored definition and its snapshot.
     *
     * @return whether there was one
     */
    public synchronized boolean drop(String name) {
        builds.remove(name); // a build in flight stops: a later CREATE of the name is not its to replace
        ProjectionRunner runner = live.remove(name);
        boolean stored = uncompiled.remove(name) != null;
        if (runner == null && !stored) {
            return false;
        }
        if (runner != null) {
            runner.stop(false);
        }
        if (files != null) {
            files.delete(name);
        }
        changed();
        return true;
    }

    /** The SQL definitions stored in the data directory, by name, for the SQL layer to compile on open. */
    public Map<String, String> storedDefinitions() {
        return files == null ? Map.of() : files.definitions();
    }

    /** The projection's fold, if there is one by that name. */
    public Optional<Fold> fold(String name) {
        ProjectionRunner r = live.get(name);
        return r == null ? Optional.empty() : Optional.of(r.fold());
    }

    /** The names of the projections that run (not those whose stored definition did not compile). */
    public List<String> names() {
        return new ArrayList<>(live.keySet());
    }

    /** One status per projection, by name. */
    public List<ProjectionStatus> statuses() {
        long head = log.headSeq();
        List<ProjectionStatus> out = new ArrayList<>();
        live.forEach((name, r) -> {
            CompletableFuture<Void> b = building.get(name);
            String status = r.failed() ? "failed" : b != null && !b.isDone() ? "rebuilding" : "active";
            long position = r.position();
            out.add(new ProjectionStatus(name, status, position, Math.max(0, head - position), r.error()));
        });
        uncompiled.forEach((name, reason) -> {
            if (!live.containsKey(name)) { // one just replaced is listed once, running
                out.add(new ProjectionStatus(name, "failed", 0, head, notCompiled(name, reason)));
            }
        });
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /**
     * What stopped the projection {@code name}'s fold, in the fold's words ({@link Fold#explained}); empty while it
     * runs, and for a name that is not running.
     */
    public Optional<Throwable> failure(String name) {
        ProjectionRunner r = live.get(name);
        return r == null ? Optional.empty() : Optional.ofNullable(r.failure());
    }

    private static String notCompiled(String name, String reason) {
        return "its stored definition no longer compiles (CREATE OR REPLACE PROJECTION " + name
            + " AS … or DROP PROJECTION " + name + "): " + reason;
    }

    /** A wait never given up early. */
    private static boolean never() {
        return false;
    }

    /**
     * Waits until the projection has applied {@code seq} (read-your-writes).
     *
     * @return whether it did within the time
     * @throws IllegalArgumentException if there is no such projection
     * @throws UncompiledProjectionException if its stored definition did not compile ({@link #uncompiled})
     */
    public boolean await(String name, long seq, long timeoutMillis) throws InterruptedException {
        return await(name, seq, timeoutMillis, Projections::never);
    }

    /**
     * As {@link #await(String, long, long)}, given up early once {@code giveUp} answers true (asked every 50 ms while
     * it waits): for a caller whose stop only raises a flag, such as a statement's cancel.
     *
     * @return whether the projection applied {@code seq} before the time passed or the wait was given up
     */
    public boolean await(String name, long seq, long timeoutMillis, BooleanSupplier giveUp)
            throws InterruptedException {
        return awaitFollowing(runner(name), name, seq, timeoutMillis, giveUp);
    }

    /**
     * {@code first}'s wait for {@code seq}, and, if it stopped short because the projection was replaced, the wait of
     * the one there now for the time left; none there: {@link NoSuchProjectionException}. A runner stops its waits when
     * it stops, so a {@code CREATE OR REPLACE} (or {@code DROP}) during a wait answered "not applied" at once, as if
     * the time had run out.
     */
    private boolean awaitFollowing(ProjectionRunner first, String name, long seq, long timeoutMillis,
                                   BooleanSupplier giveUp) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        ProjectionRunner r = first;
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (r.await(seq, Math.max(left, 0), giveUp)) {
                return true;
            }
            if (live.get(name) == r || left <= 0 || giveUp.getAsBoolean()) {
                return false;
            }
            r = runner(name); // replaced, or gone
        }
    }

    /**
     * Waits until the projection has applied the event {@code eventId}.
     *
     * @return whether it did within the time
     * @throws IllegalArgumentException if there is no such projection or no such event in the log
     * @throws UncompiledProjectionException if its stored definition did not compile ({@link #uncompiled})
     */
    public boolean awaitEvent(String name, UUID eventId, long timeoutMillis) throws InterruptedException {
        return awaitEvent(name, eventId, timeoutMillis, Projections::never);
    }

    /**
     * As {@link #awaitEvent(String, UUID, long)}, given up early as
     * {@link #await(String, long, long, BooleanSupplier)}, also while the log is searched for the event (an id that
     * is not there reads all of it; {@code giveUp} is asked every few thousand events).
     *
     * @return whether the projection applied the event before the time passed or the wait was given up
     */
    public boolean awaitEvent(String name, UUID eventId, long timeoutMillis, BooleanSupplier giveUp)
            throws InterruptedException {
        ProjectionRunner r = runner(name);
        long seq = seqOf(eventId, r.position() + 1, log.headSeq(), giveUp);
        if (seq == 0) {
            seq = seqOf(eventId, 1, r.position(), giveUp); // applied already, if it exists at all
        }
        if (seq == GIVEN_UP) {
            return false;
        }
        if (seq == 0) {
            throw new IllegalArgumentException("no event with event_id " + eventId + " in the log");
        }
        return awaitFollowing(r, name, seq, timeoutMillis, giveUp);
    }

    /** What {@link #seqOf} answers when {@code giveUp} stopped its scan. */
    private static final long GIVEN_UP = -1;
    /** How many events {@link #seqOf} reads between two questions to {@code giveUp} (a few ms of scanning). */
    private static final int GIVE_UP_EVERY = 4096;

    /**
     * The seq of event {@code eventId} among seqs {@code [from, to]}, 0 if it is not there, {@link #GIVEN_UP} if
     * {@code giveUp} answered true first: an unknown id reads the whole range, which a cancel must be able to stop.
     */
    private long seqOf(UUID eventId, long from, long to, BooleanSupplier giveUp) {
        if (from > to) {
            return 0;
        }
        long[] found = {0};
        log.visit(from, to, e -> {
            if (e.eventId().equals(eventId)) {
                found[0] = e.seq();
                return false;
            }
            if ((e.seq() - from) % GIVE_UP_EVERY == GIVE_UP_EVERY - 1 && giveUp.getAsBoolean()) {
                found[0] = GIVEN_UP;
                return false;
            }
            return true;
        });
        return found[0];
    }

    /**
     * The projection's rows as of {@code bound} (a seq, the head for "now"): first waits up to
     * {@code timeoutMillis} for the projection to apply it, and, for a bound older than the history it holds
     * (after a start from a snapshot), for a rebuild from seq 1.
     *
     * @throws NoSuchProjectionException if there is no such projection
     * @throws UncompiledProjectionException if its stored definition did not compile ({@link #uncompiled})
     */
    public List<Object[]> rows(String name, long bound, long timeoutMillis) throws InterruptedException {
        return rowsAt(name, Math.min(bound, log.headSeq()), timeoutMillis);
    }

    /**
     * As {@link #rows(String, long, long)}, for a reader that planned with {@code planned}'s columns and reads those
     * at {@code used} (their positions): if the projection was since replaced by one with other columns there,
     * {@link ProjectionChangedException} rather than rows of another shape.
     */
    public List<Object[]> rows(Fold planned, int[] used, long bound, long timeoutMillis) throws InterruptedException {
        return rows(planned, used, bound, timeoutMillis, Projections::never);
    }

    /**
     * As {@link #rows(Fold, int[], long, long)}, waiting no longer once {@code giveUp} says so (a statement canceled
     * or past its timeout, looked at every few milliseconds): then as a wait that timed out.
     */
    public List<Object[]> rows(Fold planned, int[] used, long bound, long timeoutMillis, BooleanSupplier giveUp)
            throws InterruptedException {
        return rowsAt(planned.name(), Math.min(bound, log.headSeq()), timeoutMillis, planned, used, giveUp);
    }

    private List<Object[]> rowsAt(String name, long bound, long timeoutMillis) throws InterruptedException {
        return rowsAt(name, bound, timeoutMillis, null, null, Projections::never);
    }

    private List<Object[]> rowsAt(String name, long bound, long timeoutMillis, Fold planned, int[] used,
                                  BooleanSupplier giveUp) throws InterruptedException {
        ProjectionRunner r = runner(name);
        if (planned != null && r.fold() != planned && !sameColumns(planned, r.fold(), used)) {
            throw new ProjectionChangedException("projection " + name + " was replaced since this statement was "
                + "planned, with other columns: run the statement again (prepare it again if it is a prepared one)",
                false);
        }
        if (!r.failed() && r.position() < bound && !r.await(bound, timeoutMillis, giveUp)
                && !r.failed()) {
            if (live.get(name) != r && !giveUp.getAsBoolean()) {
                // replaced or dropped while this read waited (its runner stopped short): the one there now, or none
                return rowsAt(name, bound, timeoutMillis, planned, used, giveUp);
            }
            // its state short of bound would have been answered as if exact
            throw new ProjectionChangedException("projection " + name + " did not reach seq " + bound + " within "
                + timeoutMillis + " ms (it is at " + r.position() + "): try again", true);
        }
        ProjectionView view = r.view();
        if (!view.exactAt(bound)) {
            try {
                rebuild(name).get(Math.max(timeoutMillis, 60_000), TimeUnit.MILLISECONDS);
            } catch (CancellationException e) {
                // superseded by a replacement (or dropped): ask the one there now, or learn it is gone
                return rowsAt(name, bound, timeoutMillis, planned, used, giveUp);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancellationException) {
                    return rowsAt(name, bound, timeoutMillis, planned, used, giveUp);
                }
                throw new IllegalStateException("projection " + name + " cannot answer as of seq " + bound
                    + ": rebuilding its history failed: " + e.getCause().getMessage(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("projection " + name + " cannot answer as of seq " + bound
                    + ": rebuilding its history did not finish within " + Math.max(timeoutMillis, 60_000) + " ms", e);
            }
            return rowsAt(name, bound, timeoutMillis, planned, used, giveUp);
        }
        return view.rows(r.fold(), bound);
    }

    /** Whether {@code now} has {@code planned}'s columns (name and type) at {@code used}, or at all if null. */
    private static boolean sameColumns(Fold planned, Fold now, int[] used) {
        if (used == null) {
            return planned.columns().equals(now.columns());
        }
        for (int i : used) {
            if (i >= now.columns().size() || !planned.columns().get(i).equals(now.columns().get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Calls {@code listener} after every change to the set of projections (create, drop, swap). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Versions of group states held in memory by the projection, for the memory figures of the docs. */
    public long versionCount(String name) {
        return runner(name).view().versionCount();
    }

    /** Stops every projection, writing a last snapshot of each. */
    @Override
    public synchronized void close() {
        building.values().forEach(f -> f.cancel(false));
        builds.clear(); // every build in flight stops without swapping
        RuntimeException first = null;
        for (ProjectionRunner r : live.values()) {
            try {
                r.stop(true);
            } catch (RuntimeException e) {
                // the others are still stopped and write their snapshots
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        live.clear();
        if (first != null) {
            throw first;
        }
    }

    private ProjectionRunner runner(String name) {
        ProjectionRunner r = live.get(name);
        if (r != null) {
            return r;
        }
        String reason = uncompiled.get(name);
        if (reason != null) {
            throw new UncompiledProjectionException("projection " + name + " cannot run: "
                + notCompiled(name, reason));
        }
        throw new NoSuchProjectionException(name);
    }

    private Optional<ProjectionView> snapshotOf(Fold fold) {
        Optional<StateCodec<Object>> codec = fold.codec();
        if (files == null || codec.isEmpty()) {
            return Optional.empty();
        }
        try {
            // a snapshot ahead of the log (no event at its position) or of another log (another event) is not used
            return files.loadSnapshot(fold, codec.get(), seq -> eventIdAt(log, seq));
        } catch (IOException | RuntimeException e) {
            // an unreadable snapshot (cut short, damaged) costs a replay from seq 1, nothing else: said, as an index
            // checkpoint that is not used is, so that a slow start has its reason
            LOG.log(System.Logger.Level.WARNING, "projection " + fold.name() + ": its snapshot was not used ("
                + e.getMessage() + "); it replays from seq 1");
            return Optional.empty();
        }
    }

    /** The event id of the event at {@code seq} ({@code null} if there is none), what a snapshot is anchored to. */
    static String eventIdAt(EventLog log, long seq) {
        List<RecordedEvent> at = log.readAll(seq, 1, null);
        return at.isEmpty() || at.get(0).seq() != seq ? null : at.get(0).eventId().toString();
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** The log's own tables: a projection of one of these names would hide it from every query. */
    private static final Set<String> LOG_TABLES = Set.of("events", "streams");

    /** Whether {@code name} is one of the log's own tables ({@code events}, {@code streams}): no projection's. */
    public static boolean isLogTable(String name) {
        return LOG_TABLES.contains(name);
    }

    /** Whether {@code name} can name a projection: lower-case letters, digits and {@code _}, no digit first. */
    public static boolean isWellFormedName(String name) {
        return name != null && name.matches("[a-z_][a-z0-9_]{0,127}");
    }

    private static String checkName(String name) {
        if (!isWellFormedName(name)) {
            throw new IllegalArgumentException("bad projection name '" + name
                + "': lower-case letters, digits and _, starting with a letter or _");
        }
        if (LOG_TABLES.contains(name)) {
            throw new IllegalArgumentException("bad projection name '" + name + "': a table of the log has that name");
        }
        return name;
    }

    /**
     * Whether {@code name} is a projection defined in Java ({@link #register(Projection)}, or found on the class
     * path): registered again at every start, so SQL's {@code CREATE OR REPLACE} or {@code DROP} of it would be undone
     * by the next one.
     */
    public boolean definedInJava(String name) {
        ProjectionRunner r = live.get(name);
        return r != null && r.fold() instanceof JavaFold;
    }
}
