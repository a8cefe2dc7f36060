/**
 * The SQL engine: an Apache Calcite schema over the log and its projections, guarded {@code INSERT}, {@code AS OF} time
 * travel, the fast paths and the plan cache. It speaks Calcite; the JDBC connection and everything of Avatica is in
 * {@code dev.hindsight.sql.jdbc}, which the engine reaches for its errors ({@code SqlErrors}: Avatica's client
 * exception is the one type that carries a SQLState to the client) and column sizes alone.
 */
package dev.hindsight.sql;
