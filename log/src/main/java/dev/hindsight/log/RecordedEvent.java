package dev.hindsight.log;

import java.util.UUID;

/**
 * One event as stored in the log: one row of the {@code events} table (SPEC §1), in column order.
 *
 * @param seq           global log position, dense from 1
 * @param streamId      entity id
 * @param entityType    entity type
 * @param version       position in the stream, from 1
 * @param name          event name
 * @param schemaVersion schema version of the event type
 * @param eventId       unique id
 * @param ts            commit time, epoch milliseconds UTC, non-decreasing in {@code seq}
 * @param source        which door it came in by
 * @param data          the payload, a JSON object
 * @param metadata      a JSON object, or {@code null}
 */
public record RecordedEvent(long seq, String streamId, String entityType, long version, String name,
                            int schemaVersion, UUID eventId, long ts, Source source, String data,
                            String metadata) {
}
