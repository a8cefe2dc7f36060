/**
 * Projections: folds from the event log into read models that stay current event by event, with checkpoints,
 * snapshots, rebuild and time travel on the derived state.
 *
 * <p>The public surface: {@link dev.hindsight.projection.Projection} (a fold written in Java),
 * {@link dev.hindsight.projection.Upcaster} (reshapes old events before any projection sees them),
 * {@link dev.hindsight.projection.Projections} (runs the projections of one log). SQL-defined projections are
 * compiled by {@code sql-engine} into a {@link dev.hindsight.projection.Fold}, the one form the runtime runs.
 * Depends only on {@code dev.hindsight.log}.
 */
package dev.hindsight.projection;
