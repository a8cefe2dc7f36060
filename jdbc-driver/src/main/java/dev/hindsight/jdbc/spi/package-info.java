/**
 * The contract between the driver and the embedded engine ({@code sql-engine}), which implements
 * {@link dev.hindsight.jdbc.spi.EmbeddedEngine} and shares the driver's rules
 * ({@link dev.hindsight.jdbc.spi.KeyColumns}, {@link dev.hindsight.jdbc.spi.AskedKeys},
 * {@link dev.hindsight.jdbc.spi.JavaTimeValues},
 * {@link dev.hindsight.jdbc.spi.IntervalText}, {@link dev.hindsight.jdbc.spi.WholeNumberReads},
 * {@link dev.hindsight.jdbc.spi.ApproximateDecimals}, {@link dev.hindsight.jdbc.spi.ParameterStreams},
 * {@link dev.hindsight.jdbc.spi.TargetTypes}, {@link dev.hindsight.jdbc.spi.ClientRefusals},
 * {@link dev.hindsight.jdbc.spi.StreamReads}, {@link dev.hindsight.jdbc.spi.ReturningCount}). Internal to Hindsight,
 * not an API for applications.
 */
package dev.hindsight.jdbc.spi;
