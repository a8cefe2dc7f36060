package dev.hindsight.log;

import java.util.Locale;

/**
 * When an append is acknowledged, and what it then survives.
 *
 * <table>
 *   <caption>Durability levels</caption>
 *   <tr><th>level</th><th>acknowledged when</th><th>survives</th><th>cost</th></tr>
 *   <tr><td>{@link #PROCESS}</td><td>the record is in the memory-mapped file (the OS page cache)</td>
 *       <td>{@code kill -9} and any crash of the process; <b>not</b> a power loss or kernel crash, which may lose
 *       the appends of the last seconds</td><td>none beyond the append itself (~1.4–1.8 µs measured)</td></tr>
 *   <tr><td>{@link #FSYNC}</td><td>the file has also been flushed to the device ({@code fsync}), with group commit:
 *       appends waiting at the same time share one flush</td><td>also a power loss or kernel crash</td>
 *       <td>one flush per group of concurrent appends (measured: ~4 k appends/s alone, ~7 k/s with 4 appenders;
 *       docs/benchmarks.md)</td></tr>
 * </table>
 */
public enum Durability {
    /** Acknowledge once the record is in the mapped file: survives a process crash. The default. */
    PROCESS,
    /** Acknowledge once the record is flushed to the device: survives a machine crash. */
    FSYNC;

    /**
     * The level as the command line and connection properties name it: {@code process} or {@code fsync}, in any case.
     *
     * @throws IllegalArgumentException "must be process or fsync, was '…'", for the caller to prefix with its knob
     */
    public static Durability named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "process" -> PROCESS;
            case "fsync" -> FSYNC;
            default -> throw new IllegalArgumentException("must be process or fsync, was '" + name + "'");
        };
    }
}
