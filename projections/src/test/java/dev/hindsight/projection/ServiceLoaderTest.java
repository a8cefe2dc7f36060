package dev.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import dev.hindsight.projection.example.CustomerOrdersProjection;
import dev.hindsight.projection.example.OrderDetailProjection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projections listed in a jar's {@code META-INF/services} start when the log's projections open. */
class ServiceLoaderTest {

    @TempDir
    Path jar;

    @Test
    void projectionsNamedInMetaInfServicesAreRegisteredOnOpen() throws Exception {
        withServices(OrderDetailProjection.class.getName() + "\n" + CustomerOrdersProjection.class.getName() + "\n",
            () -> {
                try (EventLog log = EventLog.open(LogConfig.inMemory()); Projections p = Projections.open(log)) {
                    assertThat(p.names()).containsExactlyInAnyOrder("order_detail", "customer_orders");
                }
            });
    }

    /**
     * A class that is not there was a ServiceConfigurationError (an Error) out of the JDBC driver's connect, with the
     * projections registered before it left running (a name taken twice, an IllegalArgumentException, likewise).
     */
    @Test
    void aProviderThatCannotBeRegisteredIsOneIllegalStateExceptionNamingItAndNoneRuns() throws Exception {
        // the second after one that starts: it stops again
        for (String listed : new String[] {"com.example.Missing\n",
            OrderDetailProjection.class.getName() + "\ncom.example.Missing\n",
            OrderDetailProjection.class.getName() + "\n" + MissingDependencyProjection.class.getName() + "\n"}) {
            withServices(listed, () -> {
                try (EventLog log = EventLog.open(LogConfig.inMemory())) {
                    Set<Thread> before = Thread.getAllStackTraces().keySet();
                    assertThatThrownBy(() -> Projections.open(log)).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("a projection or upcaster on the class path cannot be registered: ")
                        .hasMessageContaining(listed.contains("Dependency") ? "com/example/Gone"
                            : "com.example.Missing");
                    Set<Thread> after = new HashSet<>(Thread.getAllStackTraces().keySet());
                    after.removeAll(before);
                    assertThat(after).noneMatch(t -> t.isAlive() && t.getName().startsWith("hindsight-projection"));
                }
            });
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with a jar whose services file for projections lists {@code listed}. */
    private void withServices(String listed, Body body) throws Exception {
        Path dir = Files.createTempDirectory(jar, "jar");
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Projection.class.getName()), listed);
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(loader);
            body.run();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
