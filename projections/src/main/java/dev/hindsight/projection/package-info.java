/**
 * Projections: folds from the event log into read models, with checkpoints, snapshots and rebuild.
 * Depends only on {@code dev.hindsight.log}. Arrives with the projections issue.
 */
package dev.hindsight.projection;
