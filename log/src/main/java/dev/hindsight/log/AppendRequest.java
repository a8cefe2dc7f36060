package dev.hindsight.log;

import java.util.List;
import java.util.Objects;

/**
 * One stream's part of a multi-stream atomic append ({@link EventLog#appendAll}).
 *
 * @param streamId   the stream
 * @param entityType its entity type
 * @param events     the events, at least one
 * @param expected   the guard, checked as if the requests before this one had been appended already
 */
public record AppendRequest(String streamId, String entityType, List<NewEvent> events, ExpectedVersion expected) {

    public AppendRequest {
        Objects.requireNonNull(expected, "expected");
    }
}
