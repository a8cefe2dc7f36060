package dev.hindsight.jdbc;

import dev.hindsight.jdbc.spi.ProductVersion;

/** The driver's name and version ({@link ProductVersion}, the build's). */
final class DriverInfo {

    static final String PRODUCT = "Hindsight";
    static final String DRIVER_NAME = "Hindsight JDBC Driver";
    static final String VERSION = ProductVersion.VALUE;

    private DriverInfo() {
    }

    /** The leading number of the version's {@code index}-th dotted part ({@code 0.1.0-SNAPSHOT}: 0, 1, 0). */
    static int part(int index) {
        return ProductVersion.part(index);
    }
}
