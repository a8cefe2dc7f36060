package dev.hindsight.log;

/**
 * The log holds a record that fails its checksum or breaks the log's invariants somewhere other than a torn tail.
 * The log refuses to open rather than skip it; the message names the file and the position.
 */
public final class LogCorruptedException extends EventLogException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long index;

    private LogCorruptedException(String file, long index, String problem) {
        super("log corrupted in " + file + " at excerpt index 0x" + Long.toHexString(index) + ": " + problem);
        this.file = file;
        this.index = index;
    }

    private LogCorruptedException(String file, String problem) {
        super("log corrupted in " + file + ": " + problem);
        this.file = file;
        this.index = -1;
    }

    static LogCorruptedException of(String file, long index, String problem) {
        return new LogCorruptedException(file, index, problem);
    }

    /** Damage to a file as a whole (its header), at no record's position ({@link #index} -1). */
    static LogCorruptedException ofFile(String file, String problem) {
        return new LogCorruptedException(file, problem);
    }

    /** The queue file holding the bad record. */
    public String file() {
        return file;
    }

    /** The position of the bad record: its Chronicle Queue excerpt index; -1 for a file damaged as a whole. */
    public long index() {
        return index;
    }
}
