package dev.hindsight.log;

import java.util.UUID;

/**
 * What the log assigned to one appended event.
 *
 * @param seq     global log position, dense from 1
 * @param version position in the stream, from 1 without gaps
 * @param eventId the event's unique id
 * @param ts      commit time, epoch milliseconds UTC
 */
public record AppendedEvent(long seq, long version, UUID eventId, long ts) {
}
