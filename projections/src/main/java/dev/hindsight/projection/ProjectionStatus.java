package dev.hindsight.projection;

/**
 * One row of {@code sys.projections} (SPEC §2).
 *
 * @param name     the projection
 * @param status   {@code active}, {@code rebuilding} (a fresh state is being built beside this one),
 *                 {@code failed} (stopped at an event its fold threw on) or {@code paused}
 * @param position the last applied seq
 * @param lag      events behind the log's head
 * @param error    why it failed, naming the seq, or {@code null}
 */
public record ProjectionStatus(String name, String status, long position, long lag, String error) {
}
