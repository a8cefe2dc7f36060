package dev.hindsight.log;

/**
 * The optimistic-concurrency guard of an append, as in SPEC §1.
 *
 * <ul>
 *   <li>{@link #any()} ({@code -1}): no guard, append whatever the stream's version;</li>
 *   <li>{@link #noStream()} ({@code 0}): create only, succeeds only if the stream has no events yet;</li>
 *   <li>{@link #exactly(long)} ({@code N > 0}): succeeds only if the stream's current version is exactly
 *       {@code N}.</li>
 * </ul>
 *
 * <p>Note for EventStoreDB users: here {@code 0} means "no stream yet" and {@code N} counts events (the version of
 * the last event); EventStoreDB's {@code -1}/{@code -2} differ.
 *
 * @param value {@code -1}, {@code 0} or the exact expected version
 */
public record ExpectedVersion(long value) {

    private static final ExpectedVersion ANY = new ExpectedVersion(-1);
    private static final ExpectedVersion NO_STREAM = new ExpectedVersion(0);

    /** @throws IllegalArgumentException if {@code value < -1} */
    public ExpectedVersion {
        if (value < -1) {
            throw new IllegalArgumentException(
                "expected version must be -1 (any), 0 (no stream) or a positive version, was " + value);
        }
    }

    /** No guard. */
    public static ExpectedVersion any() {
        return ANY;
    }

    /** The stream must not exist yet. */
    public static ExpectedVersion noStream() {
        return NO_STREAM;
    }

    /** The stream's current version must be exactly {@code version} ({@code > 0}). */
    public static ExpectedVersion exactly(long version) {
        if (version <= 0) {
            throw new IllegalArgumentException("an exact expected version must be > 0, was " + version);
        }
        return new ExpectedVersion(version);
    }

    /** The guard for a wire value: {@code -1}, {@code 0} or {@code N > 0}. */
    public static ExpectedVersion of(long value) {
        return value == -1 ? ANY : value == 0 ? NO_STREAM : new ExpectedVersion(value);
    }

    /** Whether a stream whose current version is {@code actual} (0 if it has no events) passes this guard. */
    public boolean admits(long actual) {
        return value == -1 || value == actual;
    }

    @Override
    public String toString() {
        return value == -1 ? "any" : value == 0 ? "no stream" : Long.toString(value);
    }
}
