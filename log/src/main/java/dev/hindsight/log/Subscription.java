package dev.hindsight.log;

/** A live feed of the log opened by {@link EventLog#subscribe}. Closing stops delivery; it is idempotent. */
public interface Subscription extends AutoCloseable {

    /** The {@code seq} of the last event delivered, or {@code fromSeq - 1} before the first. */
    long position();

    /** What stopped this subscription by itself (the listener's exception, or the log's), or {@code null}. */
    Throwable failure();

    @Override
    void close();
}
