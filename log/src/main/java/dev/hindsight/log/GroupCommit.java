package dev.hindsight.log;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * {@link Durability#FSYNC}: an append is acknowledged, and its events become visible, only once its records are
 * flushed to the device. Appenders that wait at the same time share one flush: the first becomes the leader, flushes
 * every file written since the last flush, publishes everything it covered and releases its waiters (group commit).
 * On Linux, {@code fsync} of a file also writes back the pages dirtied through its memory map, so the flush needs no
 * help from the appender.
 *
 * <p>Design note: a failed {@code fsync} is final. On Linux the kernel may drop the dirty pages it could not write and
 * report the error once, so a retry can "succeed" without the data (PostgreSQL's fsync incident, 2018). So the first
 * failure fails every append not yet durable, and every later one, until the log is reopened and recovered from what
 * the disk really holds.
 *
 * <p>Thread-safety: {@link #written} is called under the append lock; {@link #awaitDurable} from any thread.
 */
final class GroupCommit implements AutoCloseable {

    private final Object monitor = new Object();
    private final Set<File> dirty = new LinkedHashSet<>();
    private final Map<File, FileChannel> channels = new HashMap<>();
    /** Makes a durable seq visible to readers; called in seq order, under the monitor. */
    private final LongConsumer publish;
    private long writtenSeq;
    private volatile long durableSeq;
    private boolean flushing;
    private volatile String failure;

    GroupCommit(long durableSeq, LongConsumer publish) {
        this.writtenSeq = durableSeq;
        this.durableSeq = durableSeq;
        this.publish = publish;
    }

    /** Notes that everything up to {@code seq} is written, to these files (each at most once per call). */
    void written(long seq, Iterable<File> files) {
        synchronized (monitor) {
            writtenSeq = seq;
            for (File f : files) {
                dirty.add(f);
            }
        }
    }

    /** The last seq on the device. */
    long durableSeq() {
        return durableSeq;
    }

    /** Why the log refuses appends after a failed flush, or {@code null}. */
    String failure() {
        return failure;
    }

    /**
     * Returns once everything up to {@code seq} is on the device and visible.
     *
     * @throws StorageException if a flush failed (this one or an earlier one) before {@code seq} was durable
     */
    void awaitDurable(long seq) {
        while (true) {
            long target;
            File[] files;
            synchronized (monitor) {
                while (durableSeq < seq && flushing && failure == null) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StorageException("interrupted while waiting for fsync of seq " + seq
                            + "; the append's outcome is unknown until the log is reopened", e);
                    }
                }
                if (durableSeq >= seq) {
                    return;
                }
                if (failure != null) {
                    throw new StorageException(failure, null);
                }
                flushing = true;
                target = writtenSeq;
                files = dirty.toArray(new File[0]);
                dirty.clear();
            }
            try {
                for (File f : files) {
                    channel(f).force(false);
                }
            } catch (IOException | RuntimeException e) {
                synchronized (monitor) {
                    flushing = false;
                    failure = "fsync failed (" + e.getMessage() + "): appends after seq " + durableSeq
                        + " are not acknowledged, and the log refuses appends until it is reopened";
                    monitor.notifyAll();
                }
                throw new StorageException(failure, e);
            }
            synchronized (monitor) {
                durableSeq = Math.max(durableSeq, target);
                publish.accept(durableSeq);
                flushing = false;
                monitor.notifyAll();
            }
        }
    }

    private FileChannel channel(File f) throws IOException {
        FileChannel ch;
        boolean created;
        synchronized (channels) {
            ch = channels.get(f);
            created = ch == null;
            if (created) {
                ch = FileChannel.open(f.toPath(), StandardOpenOption.READ);
                channels.put(f, ch);
            }
        }
        if (created) {
            syncDirectory(f.toPath().getParent());
        }
        return ch;
    }

    /** A new file's directory entry must be durable too, or a power loss could lose the whole file. */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public void close() {
        synchronized (channels) {
            for (FileChannel ch : channels.values()) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing read-only channels after the final flush; nothing to lose
                }
            }
            channels.clear();
        }
    }
}
