/**
 * The glue between the engine ({@code dev.hindsight.sql}) and JDBC: Calcite's driver, branded and given Hindsight's
 * {@code Meta} ({@code HindsightMeta}, where statement behaviour lives for embedded and remote clients alike); the
 * typed wrappers a client holds (connection, statements, result sets, {@code DatabaseMetaData}); the answers of JDBC's
 * metadata calls; and the errors with their SQLStates. The one package of ours that uses Avatica, the JDBC layer
 * Calcite's driver is built on ({@code ArchitectureTest} holds it here; {@code org.apache.calcite.avatica.util} aside,
 * which Calcite's planner itself uses). Nothing here is an API: the driver ({@code dev.hindsight.jdbc.HindsightDriver})
 * finds {@code HindsightEmbeddedEngine} by service loading, and the few public classes are public for the engine, for
 * Avatica (which creates the JDBC factory by name) or for the engine's tests.
 */
package dev.hindsight.sql.jdbc;
