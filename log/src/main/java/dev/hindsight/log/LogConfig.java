package dev.hindsight.log;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How to open an {@link EventLog}. Immutable; build with {@link #builder()} or {@link #inMemory()}. Every setting is
 * validated when built, and a bad one is refused with the setting's name and value.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>type, unit</th><th>default</th><th>limits</th></tr>
 *   <tr><td>{@code dataDir}</td><td>directory</td><td>none: in memory (a temp dir deleted on close)</td><td></td></tr>
 *   <tr><td>{@code durability}</td><td>{@link Durability}</td><td>{@code PROCESS}</td><td></td></tr>
 *   <tr><td>{@code maxEventBytes}</td><td>bytes per encoded event</td><td>1 MiB</td><td>1 KiB – 16 MiB</td></tr>
 *   <tr><td>{@code minFreeDiskBytes}</td><td>bytes free on the disk</td><td>128 MiB</td><td>&ge; 0</td></tr>
 *   <tr><td>{@code diskCheckIntervalBytes}</td><td>bytes written between free-space checks</td><td>256 KiB</td>
 *       <td>4 KiB – {@code minFreeDiskBytes}/2 (when that is set)</td></tr>
 *   <tr><td>{@code blockSizeBytes}</td><td>bytes mapped at a time</td><td>64 MiB</td>
 *       <td>&ge; 4 &times; {@code maxEventBytes}</td></tr>
 *   <tr><td>{@code repairTornTail}</td><td>boolean</td><td>true</td><td>false: report a torn tail as an error</td></tr>
 *   <tr><td>{@code readOnly}</td><td>boolean</td><td>false</td><td>true: no appends, no file created or changed,
 *       a torn tail is an error; needs {@code dataDir}</td></tr>
 *   <tr><td>{@code tempRoot}</td><td>directory</td><td>{@code /dev/shm} if writable, else {@code java.io.tmpdir}
 *       </td><td>where an in-memory log keeps its temp directory</td></tr>
 * </table>
 *
 * <p>Deliberately not configurable: the record layout, the roll cycle of the queue files, and the index structures.
 */
public final class LogConfig {

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;

    private final Path dataDir;
    private final Durability durability;
    private final int maxEventBytes;
    private final long minFreeDiskBytes;
    private final long diskCheckIntervalBytes;
    private final long blockSizeBytes;
    private final boolean repairTornTail;
    private final boolean readOnly;
    private final Path tempRoot;
    private final LongSupplier wallClockMillis;

    private LogConfig(Builder b) {
        this.dataDir = b.dataDir;
        this.durability = b.durability;
        this.maxEventBytes = b.maxEventBytes;
        this.minFreeDiskBytes = b.minFreeDiskBytes;
        this.diskCheckIntervalBytes = b.diskCheckIntervalBytes;
        this.blockSizeBytes = b.blockSizeBytes;
        this.repairTornTail = b.repairTornTail;
        this.readOnly = b.readOnly;
        this.tempRoot = b.tempRoot;
        this.wallClockMillis = b.wallClockMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A private log in memory (a temp directory deleted on close), with the defaults otherwise. */
    public static LogConfig inMemory() {
        return builder().build();
    }

    /** A log in {@code dir}, created if missing, with the defaults otherwise. */
    public static LogConfig at(Path dir) {
        return builder().dataDir(dir).build();
    }

    /** The data directory, or {@code null} for an in-memory log. */
    public Path dataDir() {
        return dataDir;
    }

    public Durability durability() {
        return durability;
    }

    public int maxEventBytes() {
        return maxEventBytes;
    }

    public long minFreeDiskBytes() {
        return minFreeDiskBytes;
    }

    public long diskCheckIntervalBytes() {
        return diskCheckIntervalBytes;
    }

    public long blockSizeBytes() {
        return blockSizeBytes;
    }

    public boolean repairTornTail() {
        return repairTornTail;
    }

    /** Whether the log is opened for reading only: appends refused, no file created or changed. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Where an in-memory log keeps its temp directory, or {@code null} for the default. */
    public Path tempRoot() {
        return tempRoot;
    }

    LongSupplier wallClockMillis() {
        return wallClockMillis;
    }

    /** Collects settings; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder {
        private Path dataDir;
        private Durability durability = Durability.PROCESS;
        private int maxEventBytes = (int) MIB;
        private long minFreeDiskBytes = 128 * MIB;
        private long diskCheckIntervalBytes = 256 * KIB;
        private long blockSizeBytes = 64 * MIB;
        private boolean repairTornTail = true;
        private boolean readOnly;
        private Path tempRoot;
        private LongSupplier wallClockMillis = System::currentTimeMillis;

        private Builder() {
        }

        /** The directory of the log; {@code null} for an in-memory log. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        public Builder maxEventBytes(int bytes) {
            this.maxEventBytes = bytes;
            return this;
        }

        public Builder minFreeDiskBytes(long bytes) {
            this.minFreeDiskBytes = bytes;
            return this;
        }

        public Builder diskCheckIntervalBytes(long bytes) {
            this.diskCheckIntervalBytes = bytes;
            return this;
        }

        public Builder blockSizeBytes(long bytes) {
            this.blockSizeBytes = bytes;
            return this;
        }

        /** Whether opening cuts a torn tail back (true) or fails with {@link LogCorruptedException} (false). */
        public Builder repairTornTail(boolean repair) {
            this.repairTornTail = repair;
            return this;
        }

        /**
         * Opens for reading only ({@code verify}): appends are refused, no file is created or changed, and a torn tail
         * is reported as {@link LogCorruptedException} since it cannot be cut back.
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Where an in-memory log keeps its temp directory (default {@code /dev/shm} if writable, else tmpdir). */
        public Builder tempRoot(Path dir) {
            this.tempRoot = dir;
            return this;
        }

        /** The wall clock the log reads commit times from, in epoch ms. For tests of clock steps. */
        public Builder wallClockMillis(LongSupplier clock) {
            this.wallClockMillis = Objects.requireNonNull(clock, "wallClockMillis");
            return this;
        }

        /**
         * The configuration, its settings checked.
         *
         * @throws IllegalArgumentException naming the first bad setting and its value
         */
        public LogConfig build() {
            require(maxEventBytes >= KIB && maxEventBytes <= 16 * MIB,
                "maxEventBytes must be between 1 KiB and 16 MiB, was " + maxEventBytes);
            require(minFreeDiskBytes >= 0, "minFreeDiskBytes must be >= 0, was " + minFreeDiskBytes);
            require(diskCheckIntervalBytes >= 4 * KIB,
                "diskCheckIntervalBytes must be >= 4096, was " + diskCheckIntervalBytes);
            require(minFreeDiskBytes == 0 || diskCheckIntervalBytes <= minFreeDiskBytes / 2,
                "diskCheckIntervalBytes (" + diskCheckIntervalBytes + ") must be at most half of minFreeDiskBytes ("
                    + minFreeDiskBytes + "), or a write between two checks could fill the disk");
            require(!readOnly || dataDir != null, "readOnly needs a dataDir: an in-memory log starts empty");
            require(blockSizeBytes >= 4L * maxEventBytes,
                "blockSizeBytes must be >= 4 x maxEventBytes (" + 4L * maxEventBytes + "), was " + blockSizeBytes);
            return new LogConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
