package dev.hindsight.log;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * The record an index checkpoint ends at, as the queue holds it: what ties a checkpoint to one log. Its seq, the CRC
 * field and length of its record and its eventId (a random UUID) are written into the checkpoint and compared with the
 * queue on open; a checkpoint of another log, or one the log does not reach, differs in at least one of them.
 *
 * @param seq        the head seq
 * @param excerpt    the Chronicle excerpt index of its record
 * @param crc        the CRC-32C field stored at the end of the record
 * @param length     the record's length
 * @param eventIdMsb most significant 64 bits of the eventId
 * @param eventIdLsb least significant 64 bits of the eventId
 * @param ts         the record's commit time, epoch ms
 * @param streamId   the record's stream
 * @param version    the record's version in its stream
 */
record CheckpointHead(long seq, long excerpt, int crc, int length, long eventIdMsb, long eventIdLsb, long ts,
                      String streamId, long version) {

    /**
     * Reads the record in {@code excerpt} of {@code store}.
     *
     * @throws IllegalStateException saying what is wrong, if there is no such excerpt or it is not a whole EVENT
     *                               record
     */
    static CheckpointHead read(QueueStore store, long excerpt) {
        RecordDecoder decoder = new RecordDecoder();
        CheckpointHead[] found = {null};
        String[] problem = {null};
        long visited = store.read(excerpt, 1, (idx, bytes, len) -> {
            if (idx != excerpt) {
                problem[0] = "the queue has no excerpt 0x" + Long.toHexString(excerpt) + " (it goes on at 0x"
                    + Long.toHexString(idx) + ")";
                return false;
            }
            String damage = decoder.wrap(bytes, len);
            if (damage != null) {
                problem[0] = "excerpt 0x" + Long.toHexString(excerpt) + " holds a damaged record (" + damage + ")";
            } else if (decoder.type() != RecordDescriptor.TYPE_EVENT) {
                problem[0] = "excerpt 0x" + Long.toHexString(excerpt) + " holds a record of type " + decoder.type();
            }
            if (problem[0] == null) {
                int crc = ByteBuffer.wrap(bytes, 0, len).order(ByteOrder.LITTLE_ENDIAN)
                    .getInt(RecordDescriptor.crcOffset(len));
                UUID id = decoder.eventId();
                found[0] = new CheckpointHead(decoder.seq(), excerpt, crc, len, id.getMostSignificantBits(),
                    id.getLeastSignificantBits(), decoder.ts(), decoder.streamId(), decoder.version());
            }
            return false;
        });
        if (visited == 0) {
            throw new IllegalStateException("the queue has no excerpt 0x" + Long.toHexString(excerpt));
        }
        if (found[0] == null) {
            throw new IllegalStateException(problem[0]);
        }
        return found[0];
    }

    /** Whether {@code other}, read from the queue, is the record this one describes. */
    boolean sameRecord(CheckpointHead other) {
        return seq == other.seq && excerpt == other.excerpt && crc == other.crc && length == other.length
            && eventIdMsb == other.eventIdMsb && eventIdLsb == other.eventIdLsb;
    }
}
