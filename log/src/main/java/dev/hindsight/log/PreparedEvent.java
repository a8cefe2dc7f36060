package dev.hindsight.log;

/** A validated event, its strings already encoded, ready to be framed into a record under the append lock. */
record PreparedEvent(byte[] name, byte[] data, byte[] metadata, int schemaVersion, int recordLength) {
}
