package dev.hindsight.http.json;

import dev.hindsight.log.NewEvent;

/**
 * One event read from a line of an import file.
 *
 * @param streamId   the stream to append to
 * @param entityType the stream's entity type
 * @param version    the version the event had in the export, used as a guard; {@code 0} when the line has none
 * @param event      name, data, metadata and schema version, ready to append
 */
public record ImportLine(String streamId, String entityType, long version, NewEvent event) {

    /** Whether the line carries a version to check. */
    public boolean hasVersion() {
        return version > 0;
    }
}
