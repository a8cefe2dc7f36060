package dev.hindsight.log;

/**
 * One row of the {@code streams} table: a stream's state, derived from the log.
 *
 * @param streamId   entity id
 * @param entityType entity type (fixed by the stream's first event)
 * @param version    version of the last event
 * @param firstSeq   {@code seq} of the first event
 * @param lastSeq    {@code seq} of the last event
 * @param createdTs  {@code ts} of the first event, epoch ms
 * @param updatedTs  {@code ts} of the last event, epoch ms
 */
public record StreamInfo(String streamId, String entityType, long version, long firstSeq, long lastSeq,
                         long createdTs, long updatedTs) {
}
