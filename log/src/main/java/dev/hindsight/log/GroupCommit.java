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

/**
 * {@link Durability#FSYNC}: an append is acknowledged only once its record is flushed to the device. Appenders that
 * wait at the same time share one flush: the first becomes the leader, flushes everything written so far, and
 * releases every waiter it covered (group commit). On Linux, {@code fsync} of a file also writes back the pages
 * dirtied through its memory map, so the flush needs no help from the appender.
 *
 * <p>Thread-safety: {@link #written} is called under the append lock; {@link #awaitDurable} from any thread.
 */
final class GroupCommit implements AutoCloseable {

    private final Object monitor = new Object();
    private final Set<File> dirty = new LinkedHashSet<>();
    private final Map<File, FileChannel> channels = new HashMap<>();
    private long writtenSeq;
    private long durableSeq;
    private boolean flushing;

    GroupCommit(long durableSeq) {
        this.writtenSeq = durableSeq;
        this.durableSeq = durableSeq;
    }

    /** Notes that everything up to {@code seq} is written to {@code file}. */
    void written(long seq, File file) {
        synchronized (monitor) {
            writtenSeq = seq;
            if (file != null) {
                dirty.add(file);
            }
        }
    }

    /** Returns once everything up to {@code seq} is on the device. */
    void awaitDurable(long seq) {
        while (true) {
            long target;
            File[] files;
            synchronized (monitor) {
                while (durableSeq < seq && flushing) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StorageException("interrupted while waiting for fsync of seq " + seq, e);
                    }
                }
                if (durableSeq >= seq) {
                    return;
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
            } catch (IOException e) {
                synchronized (monitor) {
                    flushing = false;
                    dirty.addAll(java.util.List.of(files));
                    monitor.notifyAll();
                }
                throw new StorageException("fsync failed: " + e.getMessage(), e);
            }
            synchronized (monitor) {
                durableSeq = Math.max(durableSeq, target);
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
