/**
 * The SQL engine: an Apache Calcite schema over the log and its projections, guarded {@code INSERT},
 * {@code AS OF} time travel and the embedded JDBC connection. Arrives with the SQL issue.
 */
package dev.hindsight.sql;
