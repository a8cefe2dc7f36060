package dev.hindsight.log;

/** A live feed of the log opened by {@link EventLog#subscribe}. Closing stops delivery; it is idempotent. */
public interface Subscription extends AutoCloseable {

    /** The {@code seq} of the last event delivered, or {@code fromSeq - 1} before the first. */
    long position();

    /** The listener's exception that stopped this subscription, or {@code null}. */
    Throwable failure();

    @Override
    void close();
}
