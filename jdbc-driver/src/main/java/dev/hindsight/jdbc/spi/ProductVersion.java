package dev.hindsight.jdbc.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Hindsight's version as the build wrote it ({@code driver.properties}, filtered by Maven), the one both drivers and
 * {@code SELECT version()} report: the embedded driver said {@code 0.1.0}, written in its code, the thin one the
 * build's {@code 0.1.0-SNAPSHOT}, and {@code version()} its jar's manifest or {@code dev}. Stateless.
 */
public final class ProductVersion {

    /** The version, {@code 0.0.0} if the build's file cannot be read. */
    public static final String VALUE = load();

    private ProductVersion() {
    }

    /** The leading number of the version's {@code index}-th dotted part ({@code 0.1.0-SNAPSHOT}: 0, 1, 0). */
    public static int part(int index) {
        String[] parts = VALUE.split("[.-]", 4);
        if (index >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[index]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String load() {
        try (InputStream in = ProductVersion.class.getResourceAsStream("/dev/hindsight/jdbc/driver.properties")) {
            if (in == null) {
                return "0.0.0";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "0.0.0");
        } catch (IOException e) {
            return "0.0.0"; // a version is informative; a driver that cannot read its own jar fails elsewhere
        }
    }
}
