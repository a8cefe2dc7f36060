package dev.hindsight.log;

/**
 * The on-disk layout of the index checkpoint, layout version 1: the in-memory indexes ({@link LogIndex}) as they were
 * at one head {@code seq}, so that an open reads them instead of scanning every record before it. One file,
 * {@value #FILE_NAME} in the data directory, replaced atomically (written as {@value #TEMP_FILE_NAME}, flushed,
 * renamed, the directory flushed). All integers are little-endian; strings are UTF-8.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                magic "HXCP" (0x50435848 as i32)               |  0
 *  +---------------------------------------------------------------+
 *  |                    layout version = 1 (i32)                   |  4
 *  +---------------------------------------------------------------+
 *  |                    file length L (i64)                        |  8
 *  +---------------------------------------------------------------+
 *  |            head seq H: the last event covered (i64)           | 16
 *  +---------------------------------------------------------------+
 *  |         excerpt index of H's record (i64, Chronicle)          | 24
 *  +---------------------------------------------------------------+
 *  |          CRC-32C field of H's record, as stored in it (i32)   | 32
 *  +---------------------------------------------------------------+
 *  |                  length of H's record (i32)                   | 36
 *  +---------------------------------------------------------------+
 *  |                 eventId of H, most significant 64 bits        | 40
 *  +---------------------------------------------------------------+
 *  |                 eventId of H, least significant 64 bits       | 48
 *  +---------------------------------------------------------------+
 *  |                 lastTs: ts of H, epoch ms (i64)               | 56
 *  +---------------------------------------------------------------+
 *  |                 stream count S (i32)                          | 64
 *  +---------------------------------------------------------------+
 *  |                 seq segment count G (i32)                     | 68
 *  +---------------------------------------------------------------+
 *  |                 time entry count T (i32)                      | 72
 *  +---------------------------------------------------------------+
 *  |                 reserved (i32, 0)                             | 76
 *  +---------------------------------------------------------------+
 *  |  G seq segments: firstSeq (i64), first excerpt index (i64)    | 80
 *  +---------------------------------------------------------------+
 *  |  T time entries: ts (i64), first seq with that ts (i64)       |
 *  +---------------------------------------------------------------+
 *  |  S stream entries, in order of first appearance (below)       |
 *  +---------------------------------------------------------------+
 *  |              CRC-32C of bytes [0, L-4) (i32)                  | L-4
 *  +---------------------------------------------------------------+
 *
 * stream entry
 *  +-------------------------------+-------------------------------+
 *  |   streamId length I (i32)     |   entityType length E (i32)   |  0
 *  +-------------------------------+-------------------------------+
 *  |                  version n: its event count (i64)             |  8
 *  +---------------------------------------------------------------+
 *  |                  createdTs, epoch ms (i64)                    | 16
 *  +---------------------------------------------------------------+
 *  |                  updatedTs, epoch ms (i64)                    | 24
 *  +---------------------------------------------------------------+
 *  |  streamId (I bytes) | entityType (E bytes)                    | 32
 *  +---------------------------------------------------------------+
 *  |  seq of version 1, 2, ... n (n x i64)                         | 32+I+E
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The checkpoint is trusted only if its CRC holds, its layout version is known, and the excerpt it names holds an
 * EVENT record of seq H with the same CRC field, length and eventId: see {@link IndexCheckpointReader}.
 */
final class IndexCheckpointDescriptor {

    static final String FILE_NAME = "index.checkpoint";
    static final String TEMP_FILE_NAME = "index.checkpoint.tmp";

    static final int MAGIC = 0x50435848; // "HXCP" read as a little-endian i32
    static final int LAYOUT_VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int LAYOUT_VERSION_OFFSET = 4;
    static final int FILE_LENGTH_OFFSET = 8;
    static final int HEAD_SEQ_OFFSET = 16;
    static final int HEAD_EXCERPT_OFFSET = 24;
    static final int HEAD_CRC_OFFSET = 32;
    static final int HEAD_LENGTH_OFFSET = 36;
    static final int HEAD_EVENT_ID_MSB_OFFSET = 40;
    static final int HEAD_EVENT_ID_LSB_OFFSET = 48;
    static final int LAST_TS_OFFSET = 56;
    static final int STREAM_COUNT_OFFSET = 64;
    static final int SEGMENT_COUNT_OFFSET = 68;
    static final int TIME_COUNT_OFFSET = 72;
    static final int HEADER_LENGTH = 80;

    static final int SEGMENT_LENGTH = 16;
    static final int TIME_ENTRY_LENGTH = 16;

    static final int STREAM_ID_LENGTH_OFFSET = 0;
    static final int STREAM_TYPE_LENGTH_OFFSET = 4;
    static final int STREAM_VERSION_OFFSET = 8;
    static final int STREAM_CREATED_TS_OFFSET = 16;
    static final int STREAM_UPDATED_TS_OFFSET = 24;
    static final int STREAM_HEADER_LENGTH = 32;

    static final int CRC_LENGTH = 4;

    private IndexCheckpointDescriptor() {
    }

    /** Where the segments end and the time entries begin. */
    static long timeEntriesOffset(int segments) {
        return HEADER_LENGTH + (long) segments * SEGMENT_LENGTH;
    }

    /** Where the stream entries begin. */
    static long streamsOffset(int segments, int timeEntries) {
        return timeEntriesOffset(segments) + (long) timeEntries * TIME_ENTRY_LENGTH;
    }

    /** Length of one stream entry. */
    static long streamEntryLength(int idLength, int typeLength, long version) {
        return STREAM_HEADER_LENGTH + idLength + typeLength + version * Long.BYTES;
    }
}
