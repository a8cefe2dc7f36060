package dev.hindsight.log;

/**
 * The on-disk layout of a log record, version 1. One record is one Chronicle Queue excerpt; Chronicle frames it
 * with its own 4-byte header, whose "not complete" bit publishes the record in two phases. All integers are
 * little-endian; strings are UTF-8.
 *
 * <pre>
 * EVENT record (type 1)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |  magic 0x48   | layout ver. 1 |          type = 1             |  0
 *  +---------------+---------------+-------------------------------+
 *  |                  record length L (incl. CRC)                  |  4
 *  +---------------------------------------------------------------+
 *  |                          seq (i64)                            |  8
 *  +---------------------------------------------------------------+
 *  |                        version (i64)                          | 16
 *  +---------------------------------------------------------------+
 *  |                  ts, epoch ms UTC (i64)                       | 24
 *  +---------------------------------------------------------------+
 *  |                eventId, most significant 64 bits              | 32
 *  +---------------------------------------------------------------+
 *  |                eventId, least significant 64 bits             | 40
 *  +---------------------------------------------------------------+
 *  |   batchRemaining: events of the same append after this (i32)  | 48
 *  +---------------------------------------------------------------+
 *  |                    schemaVersion (i32)                        | 52
 *  +---------------+---------------+-------------------------------+
 *  |  source code  |  flags        |   streamId length (u16)       | 56
 *  +---------------+---------------+-------------------------------+
 *  |   entityType length (u16)     |   name length (u16)           | 60
 *  +-------------------------------+-------------------------------+
 *  |                     data length (i32)                         | 64
 *  +---------------------------------------------------------------+
 *  |           metadata length (i32, -1 = NULL)                    | 68
 *  +---------------------------------------------------------------+
 *  |  streamId | entityType | name | data | metadata  (UTF-8)  ... | 72
 *  +---------------+-----------------------------------------------+
 *  | key length K  |  idempotency key (K bytes, visible ASCII) ... |  only with flag bit 0
 *  +---------------+-----------------------------------------------+
 *  |              CRC-32C of bytes [0, L-4) (i32)                  | L-4
 *  +---------------------------------------------------------------+
 *
 * VOID record (type 2): written on open to cut back a torn tail; the excerpts from index
 * 'first voided' up to the VOID record itself are not part of the log.
 *  +---------------+---------------+-------------------------------+
 *  |  magic 0x48   | layout ver. 1 |          type = 2             |  0
 *  +---------------+---------------+-------------------------------+
 *  |                    record length L = 28                       |  4
 *  +---------------------------------------------------------------+
 *  |        first voided excerpt index (i64, Chronicle index)      |  8
 *  +---------------------------------------------------------------+
 *  |             number of excerpts voided (i64)                   | 16
 *  +---------------------------------------------------------------+
 *  |              CRC-32C of bytes [0, 24) (i32)                   | 24
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Flags: bit 0, {@link #FLAG_IDEMPOTENCY_KEY}, says the record carries the {@code Idempotency-Key} its append was
 * made with (the HTTP API's; 1 to 255 visible ASCII characters), after the metadata, on every record of the append:
 * the key is durable exactly when the events are, and not part of any event's columns. Other bits are 0; a record
 * written before the flag existed has none.
 *
 * <p>An append of n events (of one stream, or of several with {@code appendAll}) writes n EVENT records, contiguous in
 * the queue; the last has {@code batchRemaining = 0}. A batch whose last record is missing was never acknowledged: on
 * open it is a torn tail.
 */
final class RecordDescriptor {

    static final byte MAGIC = 0x48;
    static final byte LAYOUT_VERSION = 1;
    static final short TYPE_EVENT = 1;
    static final short TYPE_VOID = 2;

    static final int MAGIC_OFFSET = 0;
    static final int LAYOUT_VERSION_OFFSET = 1;
    static final int TYPE_OFFSET = 2;
    static final int LENGTH_OFFSET = 4;
    static final int SEQ_OFFSET = 8;
    static final int VERSION_OFFSET = 16;
    static final int TS_OFFSET = 24;
    static final int EVENT_ID_MSB_OFFSET = 32;
    static final int EVENT_ID_LSB_OFFSET = 40;
    static final int BATCH_REMAINING_OFFSET = 48;
    static final int SCHEMA_VERSION_OFFSET = 52;
    static final int SOURCE_OFFSET = 56;
    static final int FLAGS_OFFSET = 57;
    static final byte FLAG_IDEMPOTENCY_KEY = 0x01;
    static final int STREAM_ID_LENGTH_OFFSET = 58;
    static final int ENTITY_TYPE_LENGTH_OFFSET = 60;
    static final int NAME_LENGTH_OFFSET = 62;
    static final int DATA_LENGTH_OFFSET = 64;
    static final int METADATA_LENGTH_OFFSET = 68;
    static final int EVENT_HEADER_LENGTH = 72;

    static final int VOID_FIRST_INDEX_OFFSET = 8;
    static final int VOID_COUNT_OFFSET = 16;
    static final int VOID_LENGTH = 28;

    static final int CRC_LENGTH = 4;

    private RecordDescriptor() {
    }

    /** Total length of an EVENT record with these variable parts ({@code metadataLength} -1 for NULL). */
    static int eventLength(int streamIdLength, int entityTypeLength, int nameLength, int dataLength,
                           int metadataLength) {
        return EVENT_HEADER_LENGTH + streamIdLength + entityTypeLength + nameLength + dataLength
            + Math.max(metadataLength, 0) + CRC_LENGTH;
    }

    static int crcOffset(int recordLength) {
        return recordLength - CRC_LENGTH;
    }
}
