package dev.hindsight.log;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The append-only event log: the single source of truth of Hindsight.
 *
 * <p>Events are appended to entity streams under an optimistic {@link ExpectedVersion} guard; each gets a dense
 * global {@code seq} (from 1), a gapless per-stream {@code version} (from 1), a unique {@code eventId} and a commit
 * time {@code ts} that never decreases in {@code seq} order, even if the wall clock steps back.
 *
 * <p><b>Thread-safety:</b> all methods may be called from any thread. Appends are serialised; of racing appends with
 * the same guard exactly one wins. Reads never block appends for longer than an index lookup and see every append
 * acknowledged before they started.
 *
 * <p><b>Durability:</b> an acknowledged append survives {@code kill -9}; with {@link Durability#FSYNC} also a power
 * loss. A data directory is held by one open log at a time (a file lock).
 */
public interface EventLog extends AutoCloseable {

    /**
     * Opens (or creates) the log {@code config} describes, rebuilding the in-memory indexes by scanning it. A torn
     * tail left by a crash is cut back and reported in {@link #recovery()}.
     *
     * @throws DataDirectoryLockedException if another process holds the directory
     * @throws LogCorruptedException        if a record other than a torn tail is damaged
     */
    static EventLog open(LogConfig config) {
        return ChronicleEventLog.open(config);
    }

    /**
     * Whether {@code dataDir} holds a log: one was opened there (it may hold no event yet). A command that only reads
     * asks this before it opens one, which would create a log in a mistyped or empty directory. Creates nothing; a
     * directory that does not exist holds none.
     */
    static boolean existsIn(Path dataDir) {
        return ChronicleEventLog.existsIn(dataDir);
    }

    /**
     * Appends {@code events} to {@code streamId} atomically and contiguously, if the stream's version admits
     * {@code expected}.
     *
     * @return what was assigned to each event, in order
     * @throws WrongExpectedVersionException if the guard fails; nothing is written
     * @throws InvalidEventException         if any input is invalid; nothing is written
     * @throws StorageFullException          if the disk is below its free-space threshold; nothing is written
     */
    AppendResult append(String streamId, String entityType, List<NewEvent> events, ExpectedVersion expected,
                        Source source);

    /**
     * Appends to several streams atomically: all events of all requests are written, contiguously and in order, or
     * none. Each request's guard is checked as if the requests before it had been appended already (a statement of
     * several rows, an import group).
     *
     * @return what was assigned to each event, in order over all requests
     * @throws WrongExpectedVersionException if any guard fails; nothing is written
     * @throws InvalidEventException         if any input is invalid; nothing is written
     * @throws StorageFullException          if the disk is below its free-space threshold; nothing is written
     */
    AppendResult appendAll(List<AppendRequest> requests, Source source);

    /**
     * {@link #appendAll(List, Source)}, each record also carrying {@code idempotencyKey}, the key the client made the
     * append with (1–255 visible ASCII characters; {@code null} for none, as that method): durable exactly when the
     * events are, read back by {@link EventView#idempotencyKey()}, and no part of any event's columns.
     *
     * @throws InvalidEventException if the key is not 1–255 visible ASCII characters, or any input is invalid
     */
    AppendResult appendAll(List<AppendRequest> requests, Source source, String idempotencyKey);

    /**
     * Checks and encodes the input of an {@link #appendAll} without writing anything, on any thread: the part of an
     * append that needs no lock (validation, the JSON check, UTF-8), done ahead of time, e.g. by the reading thread of
     * a bulk load while another thread appends. The guards are checked only when the batch is appended.
     *
     * @throws InvalidEventException if any input is invalid, as {@link #appendAll} would throw it
     */
    PreparedBatch prepare(List<AppendRequest> requests);

    /**
     * {@link #appendAll} of a batch {@link #prepare}d by this log: guards checked now, against the log as it is.
     *
     * @throws IllegalArgumentException      if another log prepared the batch
     * @throws WrongExpectedVersionException if any guard fails; nothing is written
     * @throws StorageFullException          if the disk is below its free-space threshold; nothing is written
     */
    AppendResult appendAll(PreparedBatch batch, Source source);

    /** {@link #append(String, String, List, ExpectedVersion, Source)} with source {@link Source#API}. */
    default AppendResult append(String streamId, String entityType, List<NewEvent> events, ExpectedVersion expected) {
        return append(streamId, entityType, events, expected, Source.API);
    }

    /**
     * Reads up to {@code limit} events of one stream, starting at version {@code fromVersion} (inclusive) and going
     * {@code direction}. Backward from {@link Long#MAX_VALUE} starts at the last event. Unknown streams give none.
     */
    List<RecordedEvent> readStream(String streamId, long fromVersion, Direction direction, int limit);

    /**
     * Visits the events {@link #readStream} would return, in the same order, until the visitor returns {@code false};
     * fields decode only when the visitor reads them, as in {@link #visit}. Returns the number of events visited.
     */
    int visitStream(String streamId, long fromVersion, Direction direction, int limit, EventVisitor visitor);

    /**
     * Visits the events of one stream whose {@code seq} is within {@code loSeq} to {@code hiSeq} (inclusive), going
     * {@code direction}, as {@link #visitStream(String, long, Direction, int, EventVisitor)} does: the stream index
     * finds the first and the last (a binary search), so a narrow range of a long stream reads only its own events.
     * Returns the number of events visited.
     */
    int visitStreamWithin(String streamId, long loSeq, long hiSeq, Direction direction, EventVisitor visitor);

    /**
     * Reads up to {@code limit} events of the global log from {@code fromSeq} (inclusive) in {@code seq} order,
     * keeping those named {@code name} if it is not {@code null}. With a name filter, at most {@code limit} matching
     * events are returned, scanning as far as needed.
     */
    List<RecordedEvent> readAll(long fromSeq, int limit, String name);

    /** Reads the events with {@code fromSeq <= seq <= toSeq}, in order, passing each to {@code sink}. */
    void scan(long fromSeq, long toSeq, Consumer<RecordedEvent> sink);

    /**
     * Visits the events with {@code fromSeq <= seq <= toSeq}, in order, until the visitor returns {@code false}. Each
     * field is decoded only if the visitor reads it: the way to scan many events for a few columns.
     */
    void visit(long fromSeq, long toSeq, EventVisitor visitor);

    /** The stream's current state, or empty if it has no events. */
    Optional<StreamInfo> streamInfo(String streamId);

    /** Every stream's current state, in order of first appearance. */
    List<StreamInfo> streams();

    /**
     * Every stream as it was when the log ended at {@code atSeq} (streams with no event up to it are left out), in
     * order of first appearance: the {@code streams} table {@code AS OF}.
     */
    List<StreamInfo> streams(long atSeq);

    /** The {@code seq} of the last acknowledged event, {@code 0} if the log is empty. */
    long headSeq();

    /**
     * The last {@code seq} whose {@code ts <= tsMillis}, {@code 0} if there is none. {@code AS OF TIMESTAMP t} reads
     * exactly the events up to this {@code seq}. A lookup in the in-memory time index; for a time at or after the last
     * visible event's, it first waits for appends already under way (their events have their {@code ts} before they
     * are visible), so that for a time the log's clock has passed the answer never changes.
     */
    long seqAtOrBefore(long tsMillis);

    /**
     * Delivers every event from {@code fromSeq} on to {@code listener}, in order, on a thread of its own: first the
     * history, then live appends as they are acknowledged, until the returned subscription is closed or the
     * listener throws.
     */
    default Subscription subscribe(long fromSeq, Consumer<RecordedEvent> listener) {
        return subscribe(fromSeq, listener, failure -> { });
    }

    /**
     * As {@link #subscribe(long, Consumer)}, telling {@code onFailure}, on the subscription's thread, why delivery
     * stopped if it stopped by itself: the listener threw, or reading the log failed (a damaged record, the log closed
     * under it). A subscription that stopped so delivers nothing more; without this its subscriber could not tell
     * it from a quiet log.
     */
    Subscription subscribe(long fromSeq, Consumer<RecordedEvent> listener, Consumer<Throwable> onFailure);

    /**
     * As {@link #subscribe(long, Consumer, Consumer)}, for the events of one stream only (from {@code fromSeq} on,
     * the stream existing or not yet): the subscription reads that stream's events, and only an append to it wakes
     * its thread, so a thousand subscribers to quiet streams cost the log's appends nothing.
     */
    Subscription subscribeStream(String streamId, long fromSeq, Consumer<RecordedEvent> listener,
                                 Consumer<Throwable> onFailure);

    /**
     * Waits until {@link #headSeq()} is at least {@code seq} or {@code timeoutMillis} passes.
     *
     * @return whether the head reached {@code seq}
     */
    boolean awaitSeq(long seq, long timeoutMillis) throws InterruptedException;

    /** What opening found and repaired (a torn tail cut back), for the operator's log output. */
    RecoveryReport recovery();

    /** The configuration the log was opened with. */
    LogConfig config();

    /** Closes the log and releases the data directory; an in-memory log is deleted. */
    @Override
    void close();
}
