package dev.hindsight.log;

/**
 * What {@link EventLog#open} found in the log.
 *
 * @param events        events in the log after opening
 * @param tornRecords   records of an unacknowledged tail that were cut back (0 if the log was whole)
 * @param tornDetail    what the torn tail was and where, or {@code null} if there was none
 * @param openMillis    time taken to open and index the log
 * @param checkpointSeq the seq up to which the indexes were read from the index checkpoint rather than rebuilt by
 *                      scanning the records (0: every record was scanned)
 * @param checkpointProblem why the index checkpoint was not used (missing, damaged, stale, another log's), or
 *                      {@code null} if it was used or none was expected (an empty or in-memory log)
 */
public record RecoveryReport(long events, int tornRecords, String tornDetail, long openMillis, long checkpointSeq,
                             String checkpointProblem) {

    /** Whether a torn tail was cut back: records, or a newest queue file with no header moved aside. */
    public boolean repaired() {
        return tornRecords > 0 || tornDetail != null;
    }
}
