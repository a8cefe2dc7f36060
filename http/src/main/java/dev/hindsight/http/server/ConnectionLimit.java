package dev.hindsight.http.server;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many client connections the server holds at once: three quarters of the process's limit on open files
 * ({@code ulimit -n}), so that the log's, the projections' and the JVM's own files always have room. Past it new
 * connections wait in the kernel's accept queue until some close (XNIO's high and low water marks), rather than
 * fail to be accepted, which made XNIO back off accepting for up to 30 s after the flood was gone, and the server's
 * own files failed to open ("Too many open files").
 */
public final class ConnectionLimit {

    /** Without a known limit (not a Unix JVM): as if {@code ulimit -n} were this. */
    private static final long ASSUMED_OPEN_FILES = 4096;

    private ConnectionLimit() {
    }

    /** The most connections held open; one more waits, unaccepted. */
    public static int highWater() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(16, openFiles() * 3 / 4));
    }

    /** Once as many as this are open again, connections are accepted again. */
    public static int lowWater() {
        return highWater() * 9 / 10;
    }

    private static long openFiles() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0
            ? unix.getMaxFileDescriptorCount() : ASSUMED_OPEN_FILES;
    }
}
