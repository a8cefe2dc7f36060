package dev.hindsight.http.sse;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.RecordedEvent;
import dev.hindsight.log.Subscription;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Binds one log {@link Subscription} to one {@link SseChannel}: the subscription's own thread (see
 * {@link EventLog#subscribe}, and {@link EventLog#subscribeStream} for one stream's, which an append to another stream
 * does not wake) formats each event from the client's start point and queues it; the channel's
 * I/O thread writes it. When the channel closes (client gone, dropped, server closing) the subscription is closed, on
 * {@code closer} since closing joins the subscription thread and the I/O thread must not wait.
 *
 * <p>Design note: while the client's buffer is full the subscription thread waits for room, up to
 * {@link SseSettings#stallMillis()}. That thread serves this client only, so a replay is paced by the client's socket
 * and neither appends nor other clients wait; a client whose buffer stays full that long is dropped with
 * {@code event: error} and can resume with {@code Last-Event-ID}.
 */
final class SseSession implements Consumer<RecordedEvent> {

    private static final System.Logger LOG = System.getLogger(SseSession.class.getName());

    private final SseChannel channel;
    private final SseSettings settings;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean subscriptionClosed = new AtomicBoolean();
    private volatile Subscription subscription;

    private SseSession(SseChannel channel, SseSettings settings, Runnable onRelease) {
        this.channel = channel;
        this.settings = settings;
        this.onRelease = onRelease;
    }

    /**
     * Subscribes {@code channel} to {@code log} from {@code start}; {@code onRelease} runs once when the log
     * subscription has been closed.
     */
    static void start(EventLog log, SubscribeStart start, SseChannel channel, SseSettings settings, Executor closer,
                      Runnable onRelease) {
        SseSession session = new SseSession(channel, settings, onRelease);
        Subscription s = start.streamId() == null ? log.subscribe(start.fromSeq(), session, session::failed)
            : log.subscribeStream(start.streamId(), start.fromSeq(), session, session::failed);
        session.attach(s);
        channel.onClose(() -> {
            try {
                closer.execute(session::release);
            } catch (RejectedExecutionException e) {
                // the server is stopping (its workers are gone): release here; the subscription's thread sees the
                // channel closed and stops, so the join is short
                session.release();
            }
        });
    }

    @Override
    public void accept(RecordedEvent e) {
        if (channel.isClosed()) {
            return;
        }
        FrameBuffer.Offer offer;
        try {
            offer = channel.offer(SseFrame.event(e));
        } catch (InterruptedException ex) {
            // the subscription is being closed: delivery stops
            Thread.currentThread().interrupt();
            return;
        }
        if (offer == FrameBuffer.Offer.FULL) {
            String reason = "slow consumer: more than " + settings.maxBufferedEvents() + " events (or "
                + settings.maxBufferedBytes() + " bytes) behind for " + settings.stallMillis()
                + " ms at seq " + e.seq() + "; reconnect with Last-Event-ID";
            channel.closeWith(SseFrame.error(reason, "slow_consumer"));
            release();
        } else if (offer == FrameBuffer.Offer.CLOSED) {
            release();
        }
    }

    /**
     * The log subscription stopped by itself (a record that cannot be read, the log closed under it): the client is
     * told and the connection closed, as for a slow client, rather than kept open with heartbeats and no events,
     * which it could not tell from a quiet log.
     */
    private void failed(Throwable e) {
        if (channel.isClosed()) {
            release(); // the client is gone or the server stopping: nobody to tell, nothing to report
            return;
        }
        LOG.log(System.Logger.Level.ERROR, "a subscription stopped: " + e, e);
        channel.closeWith(SseFrame.error("delivery stopped: the server could not read the log (its log has the "
            + "details); reconnect with Last-Event-ID", "internal"));
        release();
    }

    // No lock here: closing from another thread joins the subscription thread, which may be in accept() calling
    // release(). Each side writes its own volatile, then reads the other's, so at least one sees both and closes.
    private void attach(Subscription s) {
        subscription = s;
        if (released.get()) {
            closeSubscription(s);
        }
    }

    /** Closes the log subscription once; from its own thread it only stops it, from another it also joins it. */
    private void release() {
        if (released.compareAndSet(false, true)) {
            Subscription s = subscription;
            if (s != null) {
                closeSubscription(s);
            }
        }
    }

    private void closeSubscription(Subscription s) {
        if (subscriptionClosed.compareAndSet(false, true)) {
            s.close();
            onRelease.run();
        }
    }
}
