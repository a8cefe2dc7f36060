package dev.hindsight.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 *   0        4          12          22                                          0x40
 *   +--------+----------+-----------+-- … "writePosition" 0x8d capacity used --+------------+-- …
 *   | length | "header" | "SCQStore" | the store: its write position, …        | last record|  index …
 *   +--------+----------+-----------+-- …                                      +------------+-- …
 * </pre>
 * (read: the first 128 bytes; the write position is an array of longs, its first the file offset where the last
 * record begins). A file shorter than that offset was cut short: an interrupted copy, a truncation by hand.
 * Chronicle grows a file it opens for writing to its full size with zeros, so the records past the cut read as the
 * end of the queue and were dropped without a word (a command that only reads, {@code export}, did so, and the
 * server appended after them, where no later open could follow); here it is a {@link LogCorruptedException}.
 * Chronicle meets a file without it in ways that hide the damage: a file cut to nothing or never written is taken
 * for one another process is still creating, and every later open or append waits for it for ever; a damaged type
 * name fails with a {@code ClassNotFoundException} naming no file; a file of other bytes altogether is passed over,
 * and its events with it. Here each is a {@link LogCorruptedException} naming the file (SPEC §1: damage is never
 * skipped silently), except the newest file with no header at all, a torn tail ({@link #check}).
 */
final class QueueFileHeaders {

    /** The first bytes that name the file's type: "header" and the store's class, as Chronicle writes them. */
    private static final int HEAD = 32;
    /** The bytes read from a file's start: its type, and its write position a few bytes further. */
    private static final int READ = 128;
    private static final String WRITE_POSITION = "writePosition";
    /** Chronicle's binary wire code of an array of longs: its capacity, how many are used, then the longs. */
    private static final int LONG_ARRAY = 0x8d;
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
        byte[] head = new byte[READ];
        int n = 0;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while (n < READ && (read = in.read(head, n, READ - n)) != -1) {
                n += read;
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + FileFailure.reason(e), e);
        }
        String text = new String(head, 0, Math.min(n, HEAD), StandardCharsets.ISO_8859_1);
        if (n == 0 || (head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 0)
            || unfinished(head, Math.min(n, HEAD), text)) {
            return true;
        }
        if (!text.contains("header") || !text.contains("SCQStore")) {
            throw LogCorruptedException.ofFile(file.toString(), "the queue file's header is damaged or it is no "
                + "queue file (it does not begin as Chronicle Queue's files do); restore it from a backup");
        }
        long lastRecord = writePosition(head, n);
        // its header word at least: a file cut at or inside it has lost a whole record, which no crash leaves (a
        // crash cannot shorten a file Chronicle sized before writing); one cut inside the record's bytes is
        // taken for a torn tail, as a crash mid-append leaves one
        if (lastRecord >= 0 && size < lastRecord + Integer.BYTES) {
            throw LogCorruptedException.ofFile(file.toString(), "the queue file is " + size + " bytes, but its "
                + "header says its last record begins at byte " + lastRecord + ": it was cut short (an interrupted "
                + "copy, a truncation), and records it held are gone; restore it from a backup");
        }
        return false;
    }

    /**
     * Where the file's last record begins, from its header's write position; -1 if the header does not show one as
     * drawn above (then nothing is checked by it).
     */
    private static long writePosition(byte[] head, int n) {
        // ISO-8859-1: one char a byte, so the text's indices are the bytes'
        int at = new String(head, 0, n, StandardCharsets.ISO_8859_1).indexOf(WRITE_POSITION);
        if (at < 0) {
            return -1;
        }
        int i = at + WRITE_POSITION.length();
        int limit = Math.min(n, i + 16); // a padding code and its bytes may come first
        while (i < limit && (head[i] & 0xff) != LONG_ARRAY) {
            i++;
        }
        if (i >= limit || i + 1 + 3 * Long.BYTES > n) {
            return -1;
        }
        ByteBuffer longs = ByteBuffer.wrap(head, 0, n).order(ByteOrder.LITTLE_ENDIAN);
        long used = longs.getLong(i + 1 + Long.BYTES);
        long first = longs.getLong(i + 1 + 2 * Long.BYTES);
        return used < 1 || first < 0 ? -1 : first;
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
