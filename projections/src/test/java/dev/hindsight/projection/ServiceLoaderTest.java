package dev.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import dev.hindsight.projection.example.CustomerOrdersProjection;
import dev.hindsight.projection.example.OrderDetailProjection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projections listed in a jar's {@code META-INF/services} start when the log's projections open. */
class ServiceLoaderTest {

    @TempDir
    Path jar;

    @Test
    void projectionsNamedInMetaInfServicesAreRegisteredOnOpen() throws Exception {
        Path services = Files.createDirectories(jar.resolve("META-INF/services"));
        Files.writeString(services.resolve(Projection.class.getName()), OrderDetailProjection.class.getName() + "\n"
            + CustomerOrdersProjection.class.getName() + "\n");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(loader);
            try (EventLog log = EventLog.open(LogConfig.inMemory()); Projections p = Projections.open(log)) {
                assertThat(p.names()).containsExactlyInAnyOrder("order_detail", "customer_orders");
            }
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
