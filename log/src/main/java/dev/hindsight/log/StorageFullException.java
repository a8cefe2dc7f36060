package dev.hindsight.log;

import java.nio.file.Path;

/**
 * The disk holding the log is (nearly) full: the append was refused before anything was written, and everything
 * already acknowledged is intact. Free space (or lower {@code minFreeDiskBytes}) and retry.
 */
public final class StorageFullException extends EventLogException {

    private static final long serialVersionUID = 1L;

    private StorageFullException(String message) {
        super(message);
    }

    static StorageFullException of(Path dir, long usableBytes, long thresholdBytes) {
        return new StorageFullException("storage full: " + usableBytes + " bytes free on the disk of " + dir
            + ", below the minimum of " + thresholdBytes + " bytes (minFreeDiskBytes); append refused");
    }
}
