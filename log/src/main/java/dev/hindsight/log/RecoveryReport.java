package dev.hindsight.log;

/**
 * What {@link EventLog#open} found in the log.
 *
 * @param events        events in the log after opening
 * @param tornRecords   records of an unacknowledged tail that were cut back (0 if the log was whole)
 * @param tornDetail    what the torn tail was and where, or {@code null}
 * @param openMillis    time taken to open and index the log
 */
public record RecoveryReport(long events, int tornRecords, String tornDetail, long openMillis) {

    /** Whether a torn tail was cut back. */
    public boolean repaired() {
        return tornRecords > 0;
    }
}
