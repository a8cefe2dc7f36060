package dev.hindsight.sql;

/**
 * What a scan was asked for after pushdown: a stream, a seq range, an event name, JSON needles, computed JSON
 * columns (each optional).
 *
 * @param streamId only this stream, or {@code null}
 * @param seqLo    first seq (inclusive), 1 if unbounded
 * @param seqHi    last seq (inclusive), {@code Long.MAX_VALUE} if unbounded
 * @param name     only events of this name, or {@code null}
 * @param prefilter skips events whose JSON cannot match, or {@code null}
 * @param extracts  JSON_VALUE columns each row ends with, or {@code null}
 */
record ScanRequest(String streamId, long seqLo, long seqHi, String name, JsonPrefilter prefilter,
                   JsonExtracts extracts) {
}
