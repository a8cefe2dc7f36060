/**
 * The {@code jdbc:hindsight:} driver. The remote side depends on nothing of Hindsight's own modules,
 * so the thin driver jar carries neither Calcite nor Chronicle. Arrives with the SQL and server issues.
 */
package dev.hindsight.jdbc;
