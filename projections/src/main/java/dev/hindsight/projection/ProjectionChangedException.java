package dev.hindsight.projection;

/**
 * A read could not answer as the statement was planned: the projection was replaced with other columns since (a
 * {@code CREATE OR REPLACE} between a statement's planning and its run), or it did not catch up with the seq read at
 * in time. Answered rather than with rows of another definition under the planned columns, or a state short of that
 * seq, which reads gave.
 */
public final class ProjectionChangedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Whether the projection was too slow (the read may be tried again) rather than replaced. */
    private final boolean lagging;

    ProjectionChangedException(String message, boolean lagging) {
        super(message);
        this.lagging = lagging;
    }

    /** Whether the projection had not caught up with the seq read at in time (else: replaced with other columns). */
    public boolean lagging() {
        return lagging;
    }
}
