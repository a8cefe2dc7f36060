package dev.hindsight.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks, before Chronicle opens the queue, that every queue file begins with the header Chronicle writes when it
 * creates one:
 * <pre>
 *   0        4                                  24
 *   +--------+----------------------------------+-- ...
 *   | length | "header" … "SCQStore" (the type) | the store: write position, index …
 *   +--------+----------------------------------+-- ...
 * </pre>
 * Chronicle meets a file without it in ways that hide the damage: a file cut to nothing or never written is taken
 * for one another process is still creating, and every later open or append waits for it for ever; a damaged type
 * name fails with a {@code ClassNotFoundException} naming no file; a file of other bytes altogether is passed over,
 * and its events with it. Here each is a {@link LogCorruptedException} naming the file (SPEC §1: damage is never
 * skipped silently): such a file holds no event Hindsight wrote, or holds them without the header that finds them.
 */
final class QueueFileHeaders {

    /** The first bytes that name the file's type: "header" and the store's class, as Chronicle writes them. */
    private static final int HEAD = 32;
    private static final String QUEUE_FILE_SUFFIX = ".cq4";

    private QueueFileHeaders() {
    }

    /** Checks each queue file in {@code dir} (none if the directory does not exist yet). */
    static void check(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(QUEUE_FILE_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir + ": " + FileFailure.reason(e), e);
        }
        for (Path file : files) {
            checkOne(file);
        }
    }

    private static void checkOne(Path file) {
        byte[] head = new byte[HEAD];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while (n < HEAD && (read = in.read(head, n, HEAD - n)) != -1) {
                n += read;
            }
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + FileFailure.reason(e), e);
        }
        if (n == 0 || (head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 0)) {
            throw LogCorruptedException.ofFile(file.toString(), "the queue file has no header (it is empty: cut to "
                + "nothing, or never written); restore it from a backup, or move it away if it holds no events");
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (!text.contains("header") || !text.contains("SCQStore")) {
            throw LogCorruptedException.ofFile(file.toString(), "the queue file's header is damaged or it is no "
                + "queue file (it does not begin as Chronicle Queue's files do); restore it from a backup");
        }
    }
}
