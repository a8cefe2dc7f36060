package dev.hindsight.http.server;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many client connections the server holds at once: three quarters of the open files the process may still open
 * when it starts ({@code ulimit -n} less those open then: the class path's jars, the log's files), so that the log's,
 * the projections' and the JVM's own files always have room. Past it new
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
        return (int) Math.min(Integer.MAX_VALUE, Math.max(16, spareFiles() * 3 / 4));
    }

    /** Once as few as this are open again, after {@code highWater} were, connections are accepted again. */
    public static int lowWater(int highWater) {
        return Math.max(1, highWater * 9 / 10);
    }

    /** The files the process may open beyond those open now. */
    private static long spareFiles() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
            return unix.getMaxFileDescriptorCount() - Math.max(0, unix.getOpenFileDescriptorCount());
        }
        return ASSUMED_OPEN_FILES;
    }
}
