/**
 * Hindsight's SQL parser: {@code HindsightSqlParserImpl}, generated at build time from Calcite's grammar and
 * {@code src/main/codegen}, the factory Calcite's {@code parserFactory} property names, and the helpers the grammar
 * calls. Parsing only: what a parsed statement means is decided in {@code dev.hindsight.sql}.
 */
package dev.hindsight.sql.parser;
