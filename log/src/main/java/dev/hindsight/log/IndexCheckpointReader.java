package dev.hindsight.log;

import static dev.hindsight.log.IndexCheckpointDescriptor.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads an index checkpoint ({@link IndexCheckpointDescriptor}) into a {@link LogIndex}, after checking it: its CRC,
 * its layout version, that the excerpt it names holds the very record it describes ({@link CheckpointHead}), and that
 * its parts agree with each other (ascending seqs, as many events in the streams as the head says, the head's stream
 * ending at the head). Anything wrong is reported as a {@link Rejected} reason, never thrown: the caller then scans the
 * whole log. The file is read once; nothing is written.
 */
final class IndexCheckpointReader {

    /** Why a checkpoint was not used. */
    static final class Rejected extends Exception {

        private static final long serialVersionUID = 1L;
        /** Whether there was no checkpoint at all (not worth a warning on an empty log). */
        final boolean missing;
        /**
         * The seq of the head record a whole checkpoint names where the queue has no such record whole (0 otherwise):
         * written at a clean close after the queue was forced to disk, so that record and those before it were there.
         */
        final long missingSeq;
        /** The excerpt the checkpoint names for {@link #missingSeq}. */
        final long missingExcerpt;

        Rejected(String reason, boolean missing) {
            this(reason, missing, 0, -1);
        }

        Rejected(String reason, boolean missing, long missingSeq, long missingExcerpt) {
            super(reason, null, false, false);
            this.missing = missing;
            this.missingSeq = missingSeq;
            this.missingExcerpt = missingExcerpt;
        }
    }

    private final ByteBuffer buf;
    private final long headSeq;

    private IndexCheckpointReader(ByteBuffer buf) {
        this.buf = buf;
        this.headSeq = buf.getLong(HEAD_SEQ_OFFSET);
    }

    /**
     * Loads the checkpoint of the log in {@code dir} into {@code index}, which must be empty; on any problem leaves
     * the index empty.
     *
     * @return the head record the checkpoint ends at: the scan goes on after its excerpt
     * @throws Rejected saying why the checkpoint cannot be used
     */
    static CheckpointHead load(Path dir, QueueStore store, LogIndex index) throws Rejected {
        Path file = dir.resolve(FILE_NAME);
        ByteBuffer buf;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_LENGTH + CRC_LENGTH || size > Integer.MAX_VALUE) {
                throw new Rejected(file + " has " + size + " bytes, not a checkpoint's", false);
            }
            // read, not mapped: a mapping would outlive the open until a GC, holding the file (and its space, once
            // the next checkpoint replaces it) and keeping its file system busy
            // direct: read straight in, not through a temporary direct buffer and a copy (measured: half the time)
            buf = ByteBuffer.allocateDirect((int) size).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new Rejected(file + " ended while being read", false);
                }
            }
            buf.clear();
        } catch (NoSuchFileException e) {
            throw new Rejected("there is no index checkpoint " + file, true);
        } catch (IOException e) {
            throw new Rejected("cannot read " + file + ": " + e, false);
        }
        IndexCheckpointReader r = checkFrame(file, buf);
        CheckpointHead head;
        try {
            head = CheckpointHead.read(store, buf.getLong(HEAD_EXCERPT_OFFSET));
        } catch (RuntimeException e) {
            throw new Rejected(file + " names seq " + r.headSeq + " in excerpt 0x"
                + Long.toHexString(buf.getLong(HEAD_EXCERPT_OFFSET)) + ", but " + e.getMessage()
                + ": the checkpoint is ahead of the log or from another log", false, r.headSeq,
                buf.getLong(HEAD_EXCERPT_OFFSET));
        }
        CheckpointHead expected = new CheckpointHead(r.headSeq, buf.getLong(HEAD_EXCERPT_OFFSET),
            buf.getInt(HEAD_CRC_OFFSET), buf.getInt(HEAD_LENGTH_OFFSET), buf.getLong(HEAD_EVENT_ID_MSB_OFFSET),
            buf.getLong(HEAD_EVENT_ID_LSB_OFFSET), buf.getLong(LAST_TS_OFFSET), null, 0);
        if (!expected.sameRecord(head)) {
            throw new Rejected(file + " names seq " + r.headSeq + " in excerpt 0x" + Long.toHexString(head.excerpt())
                + ", but that excerpt holds another record (seq " + head.seq() + "): the checkpoint is stale or from "
                + "another log", false);
        }
        try {
            r.install(index, head);
        } catch (Rejected | RuntimeException e) {
            index.reset();
            throw e instanceof Rejected rej ? rej : new Rejected(file + " is inconsistent: " + e, false);
        }
        return head;
    }

    private static IndexCheckpointReader checkFrame(Path file, ByteBuffer buf) throws Rejected {
        if (buf.getInt(MAGIC_OFFSET) != MAGIC) {
            throw new Rejected(file + " is not an index checkpoint (bad magic)", false);
        }
        int version = buf.getInt(LAYOUT_VERSION_OFFSET);
        if (version != LAYOUT_VERSION) {
            throw new Rejected(file + " has checkpoint layout version " + version + ", this build reads "
                + LAYOUT_VERSION, false);
        }
        int size = buf.capacity();
        if (buf.getLong(FILE_LENGTH_OFFSET) != size) {
            throw new Rejected(file + " says " + buf.getLong(FILE_LENGTH_OFFSET) + " bytes but holds " + size
                + " (cut short?)", false);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().position(0).limit(size - CRC_LENGTH));
        if ((int) crc.getValue() != buf.getInt(size - CRC_LENGTH)) {
            throw new Rejected(file + " is damaged (checksum mismatch)", false);
        }
        return new IndexCheckpointReader(buf);
    }

    private void install(LogIndex index, CheckpointHead head) throws Rejected {
        int streams = buf.getInt(STREAM_COUNT_OFFSET);
        int segments = buf.getInt(SEGMENT_COUNT_OFFSET);
        int times = buf.getInt(TIME_COUNT_OFFSET);
        require(headSeq > 0 && streams > 0 && segments > 0 && times > 0
            && streamsOffset(segments, times) <= buf.capacity() - CRC_LENGTH, "counts do not fit the file");
        long[] segmentSeqs = new long[segments];
        long[] segmentIndexes = new long[segments];
        buf.position(HEADER_LENGTH);
        pairs(segmentSeqs, segmentIndexes);
        require(segmentSeqs[0] == 1, "the first seq segment does not start at seq 1");
        ascending(segmentSeqs, "seq segments");
        require(segmentSeqs[segments - 1] <= headSeq
            && segmentIndexes[segments - 1] + (headSeq - segmentSeqs[segments - 1]) == head.excerpt(),
            "the seq segments do not end at the head's excerpt");
        long[] timeTs = new long[times];
        long[] timeSeqs = new long[times];
        pairs(timeTs, timeSeqs);
        require(timeSeqs[0] == 1 && timeSeqs[times - 1] <= headSeq, "the time entries do not span [1, head]");
        ascending(timeTs, "time entries");
        ascending(timeSeqs, "time entries' seqs");
        require(timeTs[times - 1] == head.ts() && buf.getLong(LAST_TS_OFFSET) == head.ts(),
            "the last ts is not the head record's");
        List<StreamState> restored = streams(streams);
        require(buf.position() == buf.capacity() - CRC_LENGTH, "bytes left over after the streams");
        index.install(headSeq, head.excerpt(), segmentSeqs, segmentIndexes, timeTs, timeSeqs, restored);
        StreamState headStream = index.stream(head.streamId().getBytes(StandardCharsets.UTF_8));
        require(headStream != null && headStream.version == head.version()
            && headStream.seqOf(head.version()) == headSeq, "the head record's stream does not end at the head");
    }

    private void pairs(long[] first, long[] second) {
        for (int i = 0; i < first.length; i++) {
            first[i] = buf.getLong();
            second[i] = buf.getLong();
        }
    }

    private List<StreamState> streams(int count) throws Rejected {
        List<StreamState> out = new ArrayList<>(count);
        long events = 0;
        long end = (long) buf.capacity() - CRC_LENGTH;
        for (int i = 0; i < count; i++) {
            require(buf.position() + STREAM_HEADER_LENGTH <= end, "stream " + i + " is cut short");
            int idLength = buf.getInt();
            int typeLength = buf.getInt();
            long version = buf.getLong();
            long created = buf.getLong();
            long updated = buf.getLong();
            if (idLength <= 0 || typeLength <= 0 || version <= 0 || version > headSeq - events || created > updated
                || buf.position() + streamEntryLength(idLength, typeLength, version) - STREAM_HEADER_LENGTH > end) {
                throw inconsistent("stream " + i + " has bad lengths or times");
            }
            byte[] id = new byte[idLength];
            byte[] type = new byte[typeLength];
            buf.get(id).get(type);
            long[] seqs = new long[(int) version];
            buf.asLongBuffer().get(seqs);
            buf.position(buf.position() + seqs.length * Long.BYTES);
            if (!ascendingFromOne(seqs) || seqs[seqs.length - 1] > headSeq) {
                throw inconsistent("stream " + i + "'s seqs do not ascend within [1, head]");
            }
            events += version;
            out.add(new StreamState(new String(id, StandardCharsets.UTF_8), id,
                new String(type, StandardCharsets.UTF_8), seqs, version, created, updated));
        }
        require(events == headSeq, "the streams hold " + events + " events, the head is seq " + headSeq);
        return out;
    }

    private static void ascending(long[] values, String what) throws Rejected {
        for (int i = 1; i < values.length; i++) {
            if (values[i] <= values[i - 1]) {
                throw inconsistent(what + " do not ascend");
            }
        }
    }

    /** Whether {@code values} ascend strictly from at least 1; on the per-event path, so no message is built. */
    private static boolean ascendingFromOne(long[] values) {
        long last = 0;
        for (long v : values) {
            if (v <= last) {
                return false;
            }
            last = v;
        }
        return true;
    }

    private static void require(boolean ok, String problem) throws Rejected {
        if (!ok) {
            throw inconsistent(problem);
        }
    }

    private static Rejected inconsistent(String problem) {
        return new Rejected("the index checkpoint is inconsistent: " + problem, false);
    }
}
