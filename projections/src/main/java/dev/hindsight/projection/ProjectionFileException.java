package dev.hindsight.projection;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A projection's file (its definition, a snapshot) that the file system did not write: a full disk, a read-only
 * mount, a permission. The message names the file and the reason, for the client of the statement that wrote it
 * (SQLState 58030 there); nothing half-written is left behind.
 */
public final class ProjectionFileException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    ProjectionFileException(String message, IOException cause) {
        super(message, cause);
    }
}
