package dev.hindsight.projection;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.EventView;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one {@link Fold} over the log on a thread of its own: catches up from its view's position, then follows the
 * log live, one event at a time in seq order; publishes the position after each event (readers bound themselves by
 * it) and writes a snapshot every {@code snapshotEvery} events, once it has caught up with a backlog of more than
 * {@link #CATCH_UP} events (at most once a minute), and when stopped.
 *
 * <p>A throw from the fold stops this runner only: status {@code failed} with the error and the offending seq; the
 * state stays readable as of the event before.
 */
final class ProjectionRunner {

    private static final System.Logger LOG = System.getLogger(ProjectionRunner.class.getName());
    /** How long a stop waits for the fold's thread (see {@link #stop}). */
    static final long STOP_WAIT_MILLIS = 5_000;
    /** How long the follow loop waits for the next append before looking at its stop flag again. */
    private static final long IDLE_WAIT_MILLIS = 200;
    /** How often a waiter asks whether to give up ({@link #await}). */
    static final long GIVE_UP_CHECK_MS = 50;
    private static final long GIVE_UP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(GIVE_UP_CHECK_MS);

    /** Events applied between two wake-ups of waiters and two looks at the snapshot policy. */
    private static final long BATCH = 16_384;
    /** A backlog of more events than this is caught up with on worker threads, if the fold can be staged. */
    private static final long CATCH_UP = 4 * BATCH;
    /** The least time between two snapshots written for caught-up backlogs. */
    private static final long BACKLOG_SNAPSHOT_SPACING_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Worker threads preparing events for a catch-up: one per core. */
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final Fold fold;
    private final EventLog log;
    private final EventCursor cursor;
    private final ProjectionFiles files;
    private final Optional<StateCodec<Object>> codec;
    private final long snapshotEvery;
    private final byte[][] names;
    private final Object progress = new Object();
    private final AtomicInteger waiters = new AtomicInteger();
    private final Thread thread;
    private final FoldGroups groups = new FoldGroups();
    private final UpcasterChain upcasters;
    private final Optional<Fold.Staged> staged;

    private volatile ProjectionView view;
    private volatile String error;
    /** What {@link #error} says, in the fold's words ({@link Fold#explained}); set before it. */
    private volatile Throwable failure;
    private volatile boolean stopping;
    /**
     * Its stop gave up waiting for its thread ({@link #stop}): it writes no snapshot from then on. Its apply returned
     * later, it went on to the next snapshot and wrote it, over a newer runner's of the same name (the next open took
     * that state).
     */
    private volatile boolean abandoned;
    private volatile boolean snapshots;
    private long lastSnapshot;
    /** The position of the last snapshot tried, written or not: the next is tried {@code snapshotEvery} after it. */
    private long lastSnapshotTry;
    /**
     * Whether the runner was behind by more than {@link #CATCH_UP} events since its last snapshot: once it has caught
     * up, it writes one (a build over the whole log, a restart's or a burst's backlog), so that a kill -9 does not
     * replay that backlog again at the next start. It waited for {@code snapshotEvery} (a million) more events.
     */
    private boolean backlog;
    /** When the last backlog's snapshot was written ({@link System#nanoTime}); the first may be written at once. */
    private long lastBacklogSnapshot = System.nanoTime() - BACKLOG_SNAPSHOT_SPACING_NANOS;
    private long applying;

    ProjectionRunner(Fold fold, EventLog log, UpcasterChain upcasters, ProjectionFiles files, ProjectionView start,
                     long snapshotEvery, boolean snapshots) {
        this.fold = fold;
        this.log = log;
        this.cursor = new EventCursor(upcasters);
        this.upcasters = upcasters;
        this.staged = fold.staged();
        this.files = files;
        this.codec = files == null ? Optional.empty() : fold.codec();
        this.snapshotEvery = snapshotEvery;
        this.snapshots = snapshots;
        this.view = start;
        fold.packing().ifPresent(start::packWith);
        this.lastSnapshot = start.position();
        this.lastSnapshotTry = lastSnapshot;
        this.names = fold.eventNames().stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.thread = new Thread(this::follow, "hindsight-projection-" + fold.name());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Fold fold() {
        return fold;
    }

    ProjectionView view() {
        return view;
    }

    long position() {
        return view.position();
    }

    /** Why the fold stopped, or {@code null}. */
    String error() {
        return error;
    }

    boolean failed() {
        return error != null;
    }

    /** What stopped the fold, in its own words, or {@code null}. */
    Throwable failure() {
        return error == null ? null : failure;
    }

    /** From now on this runner writes snapshots (a replacement starts writing them once it is swapped in). */
    void enableSnapshots() {
        snapshots = true;
    }

    /**
     * Waits until the position is at least {@code seq}, the runner fails or stops, the time passes, or {@code giveUp}
     * answers true (asked every {@link #GIVE_UP_CHECK_MS} ms: nothing wakes the wait when it turns).
     *
     * @return whether the position reached {@code seq}
     */
    boolean await(long seq, long timeoutMillis, BooleanSupplier giveUp) throws InterruptedException {
        if (view.position() >= seq) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        waiters.incrementAndGet();
        try {
            synchronized (progress) {
                while (view.position() < seq && error == null && !stopping) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || giveUp.getAsBoolean()) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(progress, Math.min(left, GIVE_UP_CHECK_NANOS));
                }
            }
        } finally {
            waiters.decrementAndGet();
        }
        return view.position() >= seq;
    }

    /**
     * Stops following the log; with {@code snapshot}, writes a last snapshot first. Waits for the thread up to
     * {@link #STOP_WAIT_MILLIS}: a fold's {@code apply} that neither returns nor heeds the interrupt (a loop, a call
     * that blocks for good) held a server's SIGTERM and a {@code close()} for as long as it ran, for good if it never
     * returned. Past that the thread is left to end by itself (a daemon; the closed log fails its next read), with no
     * last snapshot: its state may be half applied.
     */
    void stop(boolean snapshot) {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            abandoned = true;
            LOG.log(System.Logger.Level.WARNING, "projection " + fold.name() + ": its fold did not stop within "
                + STOP_WAIT_MILLIS + " ms of being asked (an apply that runs on, at seq " + (view.position() + 1)
                + "?); left running, no last snapshot");
            wake();
            return;
        }
        if (snapshot && error == null && snapshots && codec.isPresent() && view.position() > lastSnapshot) {
            snapshot();
        }
        wake();
    }

    private void follow() {
        while (!stopping) {
            long position = view.position();
            long head = log.headSeq();
            backlog |= head - position > CATCH_UP;
            try {
                if (head - position > CATCH_UP && staged.isPresent()) {
                    if (!catchUp(staged.get(), position, head)) {
                        return;
                    }
                } else if (head > position) {
                    log.visit(position + 1, Math.min(head, position + BATCH), this::apply);
                    wake();
                    if (error != null) {
                        return;
                    }
                    if (snapshots && codec.isPresent() && view.position() - lastSnapshotTry >= snapshotEvery) {
                        snapshot();
                    }
                } else if (backlog && snapshots && codec.isPresent()) {
                    backlog = false; // caught up: the backlog's snapshot, then the wait as usual
                    long now = System.nanoTime();
                    // at most one a minute: under a steady load, the events that arrive while a large state is
                    // written are a backlog again, and each catch-up wrote the whole state anew (review: 45 in 60 s)
                    if (position > lastSnapshot && now - lastBacklogSnapshot >= BACKLOG_SNAPSHOT_SPACING_NANOS) {
                        lastBacklogSnapshot = now;
                        snapshot();
                    }
                } else {
                    log.awaitSeq(position + 1, IDLE_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                if (!stopping) {
                    fail(position + 1, e);
                }
                return;
            } catch (RuntimeException | Error e) {
                // an Error too (an AssertionError of a Java fold, a class missing from its jar): else the thread
                // ended with the projection listed active, and reads waited for it in vain
                if (stopping) {
                    return; // the log closed under us
                }
                fail(view.position() + 1, e);
                return;
            }
        }
    }

    /**
     * Applies {@code (position, head]} with the events prepared on worker threads; false if the fold failed.
     *
     * @throws RuntimeException what reading the log threw
     */
    private boolean catchUp(Fold.Staged stages, long position, long head) throws InterruptedException {
        try (PreparedBatches batches = new PreparedBatches(log, stages, upcasters, names, position + 1, head, BATCH,
                WORKERS, "hindsight-projection-" + fold.name() + "-reader")) {
            PreparedBatches.Batch b;
            while (!stopping && (b = batches.next()) != null) {
                for (int i = 0; i < b.size; i++) {
                    long seq = b.seqs[i];
                    applying = seq;
                    try {
                        stages.apply(b.prepared[i], groups);
                    } catch (RuntimeException | Error e) {
                        if (seq - 1 > view.position()) {
                            view.advance(seq - 1); // the events before it that the fold skips count as applied
                        }
                        fail(seq, e);
                        return false;
                    }
                }
                // the position moves once a batch (a volatile write per event costs a fence each): a reader bound by
                // it sees the batch's states only once they are all applied, which is all it may see anyway
                if (b.error != null) {
                    if (b.failedAt - 1 > view.position()) {
                        view.advance(b.failedAt - 1);
                    }
                    fail(b.failedAt, b.error);
                    return false;
                }
                if (b.last > view.position()) {
                    view.advance(b.last);
                }
                wake();
                if (snapshots && codec.isPresent() && view.position() - lastSnapshotTry >= snapshotEvery) {
                    snapshot();
                }
            }
        }
        return true;
    }

    private boolean apply(EventView event) {
        if (stopping) {
            return false;
        }
        long seq = event.seq();
        if (handles(event)) {
            applying = seq;
            try {
                fold.apply(cursor.reset(event), groups);
            } catch (RuntimeException | Error e) {
                fail(seq, e);
                return false;
            }
        }
        view.advance(seq);
        return true;
    }

    private boolean handles(EventView event) {
        if (names.length == 0) {
            return true;
        }
        for (byte[] name : names) {
            if (event.nameEquals(name)) {
                return true;
            }
        }
        return false;
    }

    private void fail(long seq, Throwable e) {
        Throwable explained = e;
        try {
            explained = fold.explained(e);
        } catch (RuntimeException ignored) {
            // its own words failed it: Java's will do
        }
        failure = explained;
        error = "failed at seq " + seq + ": " + message(explained);
        wake();
    }

    /**
     * What went wrong, in the words of whoever said it: a checked exception carried through unchecked code (as
     * {@code new RuntimeException(cause)} does, whose message is the cause's class and message) gives its own
     * message, not {@code "java.sql.SQLException: …"}.
     */
    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() != null && t.getMessage().equals(t.getCause().toString())) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Writes a snapshot; one that cannot be written (a value the snapshot format has no tag for, a full disk) is
     * logged and skipped: a snapshot only saves a replay, so the projection goes on (and replays from its last one,
     * or seq 1, at a start). It failed the projection, and at a clean close stopped the other projections' snapshots.
     */
    private void snapshot() {
        if (abandoned) {
            return; // its stop gave up on it: a later runner of its name owns the file, and this state may be torn
        }
        long position = view.position();
        lastSnapshotTry = position; // the next try after snapshotEvery more events, not every batch
        try {
            files.saveSnapshot(fold, codec.orElseThrow(), view, seq -> Projections.eventIdAt(log, seq));
            lastSnapshot = position;
        } catch (RuntimeException e) {
            // (a stop's interrupt can cut a periodic one short: the stop then writes its own, lastSnapshot being older)
            LOG.log(System.Logger.Level.WARNING, "projection " + fold.name() + ": no snapshot at seq " + position
                + " (" + message(e) + "); it replays from its last one at a start");
        }
    }

    private void wake() {
        if (waiters.get() > 0) {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /**
     * The fold's view of the groups: latest states, new ones stamped with the seq being applied. The group a get
     * found serves the put of the same key that follows it, without a second lookup.
     */
    private final class FoldGroups implements Fold.Groups {
        private Object lastKey;
        private GroupHistory lastGroup;

        @Override
        public Object get(Object key) {
            GroupHistory g = view.group(key);
            lastKey = key;
            lastGroup = g;
            return g == null ? null : g.latest();
        }

        @Override
        public void put(Object key, Object state) {
            GroupHistory g = key == lastKey && lastGroup != null ? lastGroup : view.groupOrNew(key);
            lastKey = null;
            lastGroup = null;
            g.put(applying, state);
        }
    }
}
