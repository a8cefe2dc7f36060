package dev.hindsight.http.sse;

/**
 * Where a subscription starts and what it keeps.
 *
 * @param fromSeq  the first global seq to deliver (&ge; 1)
 * @param streamId deliver only this stream's events, or {@code null} for the whole log
 */
record SubscribeStart(long fromSeq, String streamId) {
}
