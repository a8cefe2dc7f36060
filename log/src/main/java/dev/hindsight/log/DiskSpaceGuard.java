package dev.hindsight.log;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses appends before the disk runs out. Chronicle writes through a memory map into sparse files, and a mapped
 * write that finds no free block raises {@code InternalError} or kills the JVM with SIGBUS (Chronicle Queue issue
 * #1282) — so the only safe place to stop is before the write. Free space is read from the OS (a {@code statvfs})
 * every {@code checkIntervalBytes} written, never per append; the threshold leaves room for what can be written
 * between two checks. Used under the append lock: not thread-safe.
 */
final class DiskSpaceGuard {

    private final Path dir;
    private final FileStore store;
    private final long minFreeBytes;
    private final long checkIntervalBytes;
    private long writtenSinceCheck;

    DiskSpaceGuard(Path dir, long minFreeBytes, long checkIntervalBytes) {
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
        this.checkIntervalBytes = checkIntervalBytes;
        this.writtenSinceCheck = checkIntervalBytes;
        try {
            this.store = Files.getFileStore(dir);
        } catch (IOException e) {
            throw new StorageException("cannot read the file system of " + dir + ": " + FileFailure.reason(e), e);
        }
    }

    /**
     * Called before writing {@code bytes}.
     *
     * @throws StorageFullException if the disk is below the threshold; nothing may be written then
     */
    void beforeWrite(long bytes) {
        if (minFreeBytes == 0) {
            return;
        }
        if (writtenSinceCheck + bytes >= checkIntervalBytes) {
            long usable = usableBytes();
            if (usable - bytes < minFreeBytes) {
                writtenSinceCheck = checkIntervalBytes; // keep checking (and refusing) until space is freed
                throw StorageFullException.of(dir, usable, minFreeBytes);
            }
            writtenSinceCheck = 0;
        }
        writtenSinceCheck += bytes;
    }

    private long usableBytes() {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            throw new StorageException("cannot read free space of " + dir + ": " + FileFailure.reason(e), e);
        }
    }
}
