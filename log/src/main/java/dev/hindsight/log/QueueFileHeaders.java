package dev.hindsight.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Checks, before Chronicle opens the queue, that every queue file begins with the header Chronicle writes when it
 * creates one:
 * <pre>
 *   0        4          12          22
 *   +--------+----------+-----------+-- ...
 *   | length | "header" | "SCQStore" | the store: write position, index … (read: the first 32 bytes)
 *   +--------+----------+-----------+-- ...
 * </pre>
 * Chronicle meets a file without it in ways that hide the damage: a file cut to nothing or never written is taken
 * for one another process is still creating, and every later open or append waits for it for ever; a damaged type
 * name fails with a {@code ClassNotFoundException} naming no file; a file of other bytes altogether is passed over,
 * and its events with it. Here each is a {@link LogCorruptedException} naming the file (SPEC §1: damage is never
 * skipped silently), except the newest file with no header at all, a torn tail ({@link #check}).
 */
final class QueueFileHeaders {

    /** The first bytes that name the file's type: "header" and the store's class, as Chronicle writes them. */
    private static final int HEAD = 32;
    /** A day's queue file, as the log's roll cycle names it (yyyyMMdd and F). */
    private static final Pattern DAY_FILE = Pattern.compile("\\d{8}F\\.cq4");

    private QueueFileHeaders() {
    }

    /**
     * Checks each queue file in {@code dir} (none if the directory does not exist yet). The newest file without any
     * header is a torn tail: a crash as Chronicle created it (between making the file and writing its header, at the
     * first append or a daily roll) left it so, and it holds no event, since an append writes the header first. With
     * {@code repair} it is moved aside (renamed {@code ….cq4.no-header-<ms>}, kept for inspection), as Chronicle would
     * move it; without, it is refused as a torn tail.
     *
     * @return what was moved aside, for the recovery report; {@code null} if nothing was
     */
    static String check(Path dir, boolean repair) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                .sorted().toList();
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir + ": " + FileFailure.reason(e), e);
        }
        for (Path file : files) {
            checkIsQueueFile(file);
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (!checkOne(file)) {
                continue;
            }
            if (i < files.size() - 1) {
                throw LogCorruptedException.ofFile(file.toString(), "the queue file has no header (it is empty: cut to "
                    + "nothing, or never written) and newer ones follow it; restore it from a backup");
            }
            if (!repair) {
                throw LogCorruptedException.ofFile(file.toString(), "torn tail: the newest queue file has no header "
                    + "(a crash as it was created, or a file cut to nothing)");
            }
            Path aside = file.resolveSibling(file.getFileName() + ".no-header-" + System.currentTimeMillis());
            try {
                Files.move(file, aside);
            } catch (IOException e) {
                throw new StorageException("cannot move " + file + " aside: " + FileFailure.reason(e), e);
            }
            return "the newest queue file had no header (a crash as it was created): moved aside to " + aside;
        }
        return null;
    }

    /**
     * Refuses a file among the queue files that is none: named otherwise than a day's file ({@code 20261205F.cq4}), a
     * copy beside one say, which Chronicle then fails to parse the name of, or took for an empty file of the log and
     * renamed; or not a regular file (a pipe would hold the read below for ever).
     */
    private static void checkIsQueueFile(Path file) {
        if (!DAY_FILE.matcher(file.getFileName().toString()).matches()) {
            throw new StorageException(file + " is not one of the log's queue files (they are named by their day, e.g. "
                + "20261205F.cq4): move it out of " + file.getParent(), null);
        }
        if (!Files.isRegularFile(file)) {
            throw new StorageException(file + " is not a regular file, as the log's queue files are: move it out of "
                + file.getParent(), null);
        }
    }

    /**
     * Whether {@code file} has no header at all: empty, its first word zero, or a header Chronicle claimed and never
     * finished ({@link #unfinished}: its word's not-complete bit, the top bit of the little-endian word), which a
     * crash leaves between Chronicle claiming the header and writing its length: such a file holds no event, since
     * an append follows the finished header. Refuses a damaged one.
     */
    private static boolean checkOne(Path file) {
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
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (n == 0 || (head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 0) || unfinished(head, n, text)) {
            return true;
        }
        if (!text.contains("header") || !text.contains("SCQStore")) {
            throw LogCorruptedException.ofFile(file.toString(), "the queue file's header is damaged or it is no "
                + "queue file (it does not begin as Chronicle Queue's files do); restore it from a backup");
        }
        return false;
    }

    /**
     * A header claimed and not finished: the word's not-complete bit set, and after it nothing, or the start of
     * Chronicle's header text (written before the word is finished). Other bytes with that bit set are no header.
     */
    private static boolean unfinished(byte[] head, int n, String text) {
        if (n < 4 || (head[3] & 0x80) == 0) {
            return false;
        }
        for (int i = 4; i < n; i++) {
            if (head[i] != 0) {
                return text.contains("header");
            }
        }
        return true;
    }
}
