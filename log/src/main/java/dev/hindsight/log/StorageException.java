package dev.hindsight.log;

/** An I/O failure of the storage under the log (not a full disk: see {@link StorageFullException}). */
public final class StorageException extends EventLogException {

    private static final long serialVersionUID = 1L;

    StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
