package dev.hindsight.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The driver's name and version, from the build ({@code driver.properties}, filtered by Maven). */
final class DriverInfo {

    static final String PRODUCT = "Hindsight";
    static final String DRIVER_NAME = "Hindsight JDBC Driver";
    static final String VERSION = load();

    private DriverInfo() {
    }

    private static String load() {
        try (InputStream in = DriverInfo.class.getResourceAsStream("driver.properties")) {
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

    /** The leading number of the version's {@code index}-th dotted part ({@code 0.1.0-SNAPSHOT}: 0, 1, 0). */
    static int part(int index) {
        String[] parts = VERSION.split("[.-]", 4);
        if (index >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[index]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
