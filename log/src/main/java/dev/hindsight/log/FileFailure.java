package dev.hindsight.log;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong with a file, in words: the file system's exceptions often carry only the path as their message
 * ({@code FileAlreadyExistsException: data}), which says nothing next to that same path in an error. Stateless.
 */
public final class FileFailure {

    private FileFailure() {
    }

    /**
     * The reason for {@code e}, for an error that already names the path: "a file is there, not a directory" for a
     * directory that could not be created over a file, "permission denied", "no such file or directory", else the
     * file system's reason or the exception's message.
     */
    public static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file is there, not a directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
