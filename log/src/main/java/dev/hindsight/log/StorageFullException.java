package dev.hindsight.log;

import java.nio.file.Path;

/**
 * The disk holding the log is (nearly) full: the append was refused before anything was written, and everything
 * already acknowledged is intact. Free space (or lower {@code minFreeDiskBytes}) and retry. Or, rarer, a write faulted
 * as the disk ran out between two checks ({@code faulted}): then the log refuses appends until it is reopened.
 */
public final class StorageFullException extends EventLogException {

    private static final long serialVersionUID = 1L;

    private StorageFullException(String message) {
        super(message);
    }

    /**
     * A write to the memory-mapped queue faulted — what a disk that ran out between two free-space checks
     * ({@link DiskSpaceGuard}) does, filled by another process; {@code why} says what became of the append: mostly
     * the log was marked failed, as the fault may have left part of a record, and appends stay refused until the log
     * is reopened (its recovery cuts that part back), whatever space is freed.
     */
    static StorageFullException faulted(Path dir, String why, Throwable fault) {
        StorageFullException e = new StorageFullException("storage full: a write to the log in " + dir + " faulted, as "
            + "a memory-mapped write does when the disk has run out of space (" + fault + "); " + why);
        e.initCause(fault);
        return e;
    }

    /** Whether {@code e} (or a cause of it) is the JVM's report of a memory-mapped access that faulted (SIGBUS). */
    static boolean isMappedWriteFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InternalError && t.getMessage() != null
                && t.getMessage().contains("unsafe memory access")) {
                return true;
            }
        }
        return false;
    }

    static StorageFullException of(Path dir, long usableBytes, long thresholdBytes) {
        return new StorageFullException("storage full: " + usableBytes + " bytes free on the disk of " + dir
            + ", below the minimum of " + thresholdBytes + " bytes (minFreeDiskBytes); append refused");
    }
}
