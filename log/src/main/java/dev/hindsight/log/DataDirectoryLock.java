package dev.hindsight.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds a data directory for one open log: an OS file lock on {@code hindsight.lock}, which also records the
 * holder's pid so that a second process can say who holds it. The OS drops the lock when the process dies, so a
 * {@code kill -9} never leaves a directory locked.
 *
 * <p>Design note: OS file locks are per process, and on Linux (POSIX {@code fcntl} locks) closing <em>any</em>
 * channel of the lock file releases every lock the process holds on it. So a second open in this JVM must never
 * open and close a channel of a held lock file: it is refused from {@link #HELD}, keyed by the directory's real path
 * (symlinks and relative names resolved), before any channel is opened; only the holder ever closes its channel.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "hindsight.lock";

    /** The directories this JVM holds, by real path. Guarded by itself. */
    private static final Map<Path, DataDirectoryLock> HELD = new HashMap<>();

    private final Path realDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path realDir, FileChannel channel, FileLock lock) {
        this.realDir = realDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code dir} (which must exist) for a log that writes: an exclusive lock, with this process's pid recorded.
     *
     * @throws DataDirectoryLockedException if this or another process holds it
     */
    static DataDirectoryLock acquire(Path dir) {
        return acquire(dir, false);
    }

    /**
     * Takes {@code dir} for reading only, e.g. {@code verify}: a shared lock that keeps writers out while it is held,
     * and writes nothing (no pid, no lock file created where none exists).
     *
     * @throws DataDirectoryLockedException if this process holds it or another process holds it for writing
     */
    static DataDirectoryLock acquireForReading(Path dir) {
        return acquire(dir, true);
    }

    private static DataDirectoryLock acquire(Path dir, boolean shared) {
        Path real = realPath(dir);
        synchronized (HELD) {
            if (HELD.containsKey(real)) {
                throw DataDirectoryLockedException.of(dir, ProcessHandle.current().pid());
            }
            DataDirectoryLock held = lock(dir, real, shared);
            HELD.put(real, held);
            return held;
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new StorageException("cannot resolve data directory " + dir + ": " + FileFailure.reason(e), e);
        }
    }

    private static DataDirectoryLock lock(Path dir, Path real, boolean shared) {
        Path file = real.resolve(FILE_NAME);
        FileChannel channel = null;
        if (Files.isSymbolicLink(file)) {
            // followed, the pid written below would overwrite whatever it points at (as root: any file)
            throw new StorageException("cannot lock data directory " + dir + ": its " + FILE_NAME + " is a symbolic "
                + "link; remove it (the lock file is made again)", null);
        }
        try {
            channel = shared
                ? FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock(0L, Long.MAX_VALUE, shared);
            } catch (OverlappingFileLockException e) {
                // someone in this JVM locked the file without going through HELD; closing this channel would drop
                // their lock, so it is deliberately left open
                channel = null;
                throw DataDirectoryLockedException.of(dir, ProcessHandle.current().pid());
            }
            if (lock == null) {
                // no lock of this process on the file (HELD said so): closing our channel is safe
                closeQuietly(channel);
                throw DataDirectoryLockedException.of(dir, holderPid(file));
            }
            if (!shared) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            }
            return new DataDirectoryLock(real, channel, lock);
        } catch (NoSuchFileException e) {
            if (!shared) {
                throw new StorageException("cannot lock data directory " + dir + ": " + FileFailure.reason(e), e);
            }
            // reading a directory no log has ever opened: nothing to keep out, and nothing to create
            return new DataDirectoryLock(real, null, null);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("cannot lock data directory " + dir + ": " + FileFailure.reason(e), e);
        }
    }

    /**
     * The pid the lock file names, if it can be the holder's: another process holds the lock, and one that reads the
     * log ({@code verify}: a shared lock) writes no pid, so the file may still name its last writer, gone or this very
     * process; -1 then (unknown), rather than a pid that holds nothing.
     */
    private static long holderPid(Path file) {
        long pid = readPid(file);
        boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive && pid != ProcessHandle.current().pid() ? pid : -1;
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (HELD.get(realDir) != this) {
                return; // closed already
            }
            HELD.remove(realDir);
            if (channel == null) {
                return;
            }
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new StorageException("cannot release the data directory lock: " + e.getMessage(), e);
            }
        }
    }
}
