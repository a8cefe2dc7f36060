package dev.hindsight.remote;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The real thin driver jar, {@code jdbc-driver/target/hindsight-jdbc-<version>.jar}, loaded in a class loader of its
 * own whose parent is the platform loader: nothing of the test's class path (Avatica, our modules, SLF4J) can stand in
 * for what the jar lacks. The driver is found as tools find it, through {@code java.sql.Driver} service loading.
 */
final class ThinDriver {

    private static Driver driver;

    private ThinDriver() {
    }

    /** The driver of the jar, loaded once per test JVM. */
    static synchronized Driver get() throws IOException {
        if (driver == null) {
            URLClassLoader loader = new URLClassLoader(new URL[] {jar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
            Iterator<Driver> found = ServiceLoader.load(Driver.class, loader).iterator();
            if (!found.hasNext()) {
                throw new IllegalStateException("the thin jar " + jar() + " registers no java.sql.Driver");
            }
            driver = found.next();
        }
        return driver;
    }

    /** A connection to {@code url} through the jar's driver. */
    static Connection connect(String url, Properties info) throws SQLException, IOException {
        Connection c = get().connect(url, info);
        if (c == null) {
            throw new IllegalStateException("the thin driver does not accept " + url);
        }
        return c;
    }

    /** The jar the jdbc-driver module packaged, or a failure saying how to build it. */
    static Path jar() throws IOException {
        Path target = Path.of("..", "jdbc-driver", "target").toAbsolutePath().normalize();
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(p -> p.getFileName().toString().matches("hindsight-jdbc-[0-9].*\\.jar"))
                .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                .filter(p -> !p.getFileName().toString().endsWith("-classes.jar")).toList();
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("expected one thin driver jar hindsight-jdbc-<version>.jar in " + target
                + ", found " + jars + ": run mvn -B package -pl jdbc-driver first (cli's tests use the packaged jar)");
        }
        return jars.get(0);
    }
}
