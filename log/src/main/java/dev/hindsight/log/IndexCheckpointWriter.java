package dev.hindsight.log;

import static dev.hindsight.log.IndexCheckpointDescriptor.*;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes the index checkpoint ({@link IndexCheckpointDescriptor}) atomically: to a temporary file, flushed, renamed
 * over the old checkpoint, then the directory flushed, so that a crash at any point leaves either the old checkpoint
 * or the new one, whole. The queue file holding the head record is flushed first, so that the checkpoint never names
 * a record a power loss could take away (it would be refused on open, but the open would then scan everything).
 */
final class IndexCheckpointWriter {

    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());
    private static final int CHUNK = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long written;

    private IndexCheckpointWriter(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Writes the checkpoint of {@code index} on close; a failure is logged, never thrown (the next open then scans
     * what the checkpoint would have covered). An empty log gets none.
     */
    static void writeQuietly(Path dir, QueueStore store, LogIndex index) {
        try {
            long start = System.nanoTime();
            LogIndex.Snapshot snapshot = index.snapshot();
            if (snapshot.head() == 0) {
                return;
            }
            long bytes = write(dir, store, snapshot, CheckpointHead.read(store, snapshot.headExcerpt()));
            LOG.log(System.Logger.Level.DEBUG, () -> "wrote the index checkpoint at seq " + snapshot.head() + ", "
                + bytes + " bytes, in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the index checkpoint in " + dir + " (" + e
                + "); the next open scans the records it would have covered");
        }
    }

    /**
     * Writes {@code snapshot}, whose head record is {@code head}, as the checkpoint of the log in {@code dir}.
     *
     * @return the checkpoint's length in bytes
     */
    static long write(Path dir, QueueStore store, LogIndex.Snapshot snapshot, CheckpointHead head) throws IOException {
        if (head.seq() != snapshot.head() || head.excerpt() != snapshot.headExcerpt()) {
            throw new IllegalStateException("the head record " + head + " is not the snapshot's head "
                + snapshot.head());
        }
        // every queue file, not only the head's: an earlier day's file holds records the checkpoint vouches for, and
        // its end-of-file marker, written at the roll, without which no reader reaches the later files
        File[] queueFiles = store.file(head.excerpt()).getParentFile().listFiles((d, n) -> n.endsWith(".cq4"));
        for (File f : queueFiles == null ? new File[0] : queueFiles) {
            try (FileChannel queueFile = FileChannel.open(f.toPath(), StandardOpenOption.READ)) {
                queueFile.force(false);
            }
        }
        Path tmp = dir.resolve(TEMP_FILE_NAME);
        long length = length(snapshot);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            IndexCheckpointWriter w = new IndexCheckpointWriter(ch);
            w.header(snapshot, head, length);
            w.longPairs(snapshot.segmentSeqs(), snapshot.segmentIndexes());
            w.longPairs(snapshot.timeTs(), snapshot.timeSeqs());
            for (LogIndex.StreamEntry s : snapshot.streams()) {
                w.stream(s);
            }
            w.finish(length);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
        return length;
    }

    private static long length(LogIndex.Snapshot s) {
        long n = streamsOffset(s.segmentSeqs().length, s.timeTs().length);
        for (LogIndex.StreamEntry e : s.streams()) {
            n += streamEntryLength(e.state().idBytes.length, utf8(e.state().entityType).length, e.version());
        }
        return n + CRC_LENGTH;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void header(LogIndex.Snapshot s, CheckpointHead head, long length) throws IOException {
        room(HEADER_LENGTH);
        int at = buffer.position();
        buffer.putInt(at + MAGIC_OFFSET, MAGIC)
            .putInt(at + LAYOUT_VERSION_OFFSET, LAYOUT_VERSION)
            .putLong(at + FILE_LENGTH_OFFSET, length)
            .putLong(at + HEAD_SEQ_OFFSET, head.seq())
            .putLong(at + HEAD_EXCERPT_OFFSET, head.excerpt())
            .putInt(at + HEAD_CRC_OFFSET, head.crc())
            .putInt(at + HEAD_LENGTH_OFFSET, head.length())
            .putLong(at + HEAD_EVENT_ID_MSB_OFFSET, head.eventIdMsb())
            .putLong(at + HEAD_EVENT_ID_LSB_OFFSET, head.eventIdLsb())
            .putLong(at + LAST_TS_OFFSET, s.lastTs())
            .putInt(at + STREAM_COUNT_OFFSET, s.streams().size())
            .putInt(at + SEGMENT_COUNT_OFFSET, s.segmentSeqs().length)
            .putInt(at + TIME_COUNT_OFFSET, s.timeTs().length)
            .putInt(at + TIME_COUNT_OFFSET + 4, 0);
        buffer.position(at + HEADER_LENGTH);
    }

    private void longPairs(long[] first, long[] second) throws IOException {
        for (int i = 0; i < first.length; i++) {
            room(16);
            buffer.putLong(first[i]).putLong(second[i]);
        }
    }

    private void stream(LogIndex.StreamEntry s) throws IOException {
        byte[] type = utf8(s.state().entityType);
        byte[] id = s.state().idBytes;
        room(STREAM_HEADER_LENGTH);
        buffer.putInt(id.length).putInt(type.length).putLong(s.version()).putLong(s.createdTs())
            .putLong(s.updatedTs());
        bytes(id);
        bytes(type);
        long[] seqs = s.seqs();
        int n = (int) s.version();
        for (int i = 0; i < n; ) {
            room(Long.BYTES);
            int k = Math.min(n - i, buffer.remaining() / Long.BYTES);
            LongBuffer view = buffer.asLongBuffer();
            view.put(seqs, i, k);
            buffer.position(buffer.position() + k * Long.BYTES);
            i += k;
        }
    }

    private void bytes(byte[] b) throws IOException {
        for (int i = 0; i < b.length; ) {
            room(1);
            int k = Math.min(b.length - i, buffer.remaining());
            buffer.put(b, i, k);
            i += k;
        }
    }

    /** Makes room for {@code n} bytes in the buffer, writing it out if needed. */
    private void room(int n) throws IOException {
        if (buffer.remaining() < n) {
            drain();
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        crc.update(buffer);
        buffer.rewind();
        written += buffer.remaining();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private void finish(long length) throws IOException {
        drain();
        if (written + CRC_LENGTH != length) {
            throw new IllegalStateException("wrote " + written + " bytes of a checkpoint of " + length);
        }
        buffer.putInt((int) crc.getValue()).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
