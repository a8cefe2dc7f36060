/**
 * The fast {@code JSON_VALUE}: a compiled member path ({@link dev.hindsight.sql.json.JsonPath}), the function the
 * planner puts in place of Calcite's ({@link dev.hindsight.sql.json.JsonValueFunction}, by
 * {@link dev.hindsight.sql.json.JsonValueRule}), and several paths answered from one walk of a document
 * ({@link dev.hindsight.sql.json.PathSet}, for the scan). Nothing here knows the log's tables: a table offers its
 * JSON columns by implementing {@link dev.hindsight.sql.json.StoredJson}.
 */
package dev.hindsight.sql.json;
