package dev.hindsight.log;

/**
 * A validated event, its strings already encoded, ready to be framed into a record under the append lock.
 *
 * <p>Design note: a class, not a record, because it holds arrays: the encoded bytes are handed over without a copy
 * (this is the append path), and an instance is never compared or hashed, so it keeps {@link Object}'s identity
 * {@code equals} rather than a record's, which would compare the arrays by reference and look like value equality.
 * Immutable by convention: nobody writes to the arrays once the validator made them.
 */
final class PreparedEvent {

    private final byte[] name;
    private final byte[] data;
    private final byte[] metadata;
    private final int schemaVersion;
    private final int recordLength;

    /**
     * @param metadata the metadata's UTF-8, or {@code null} for none
     * @param recordLength the length of the EVENT record this event becomes, in bytes
     */
    PreparedEvent(byte[] name, byte[] data, byte[] metadata, int schemaVersion, int recordLength) {
        this.name = name;
        this.data = data;
        this.metadata = metadata;
        this.schemaVersion = schemaVersion;
        this.recordLength = recordLength;
    }

    /** The event name's UTF-8, not a copy. */
    byte[] name() {
        return name;
    }

    /** The data's UTF-8, not a copy. */
    byte[] data() {
        return data;
    }

    /** The metadata's UTF-8, not a copy, or {@code null} for none. */
    byte[] metadata() {
        return metadata;
    }

    int schemaVersion() {
        return schemaVersion;
    }

    /** The length of the EVENT record this event becomes, in bytes. */
    int recordLength() {
        return recordLength;
    }
}
