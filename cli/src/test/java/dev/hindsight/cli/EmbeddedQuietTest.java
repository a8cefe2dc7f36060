package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.testkit.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program with the runnable jar's class path that opens an embedded log (not through {@link Main}, which sets its
 * own log level) prints nothing of Chronicle's on stderr: the jar's slf4j-simple defaults to warnings.
 */
class EmbeddedQuietTest {

    @TempDir
    Path dir;

    /**
     * The child: one embedded connection, one query, its answer on stdout. Chronicle's own INFO lines come only on
     * some starts (a slow first mapping, a jar it is loaded from), so the child also logs one of its own under
     * Chronicle's name, which must be as quiet; and the warning Calcite's planner logs when a statement timeout stops
     * its planning (the statement's {@code 57014} says it to the caller).
     */
    public static void main(String[] args) throws SQLException {
        LoggerFactory.getLogger("net.openhft.chronicle.core.Jvm").info("Chronicle core loaded (as Chronicle says)");
        LoggerFactory.getLogger("org.apache.calcite.plan.RelOptPlanner")
            .warn("Volcano planning times out, cancels the subsequent optimization.");
        try (Connection c = DriverManager.getConnection("jdbc:hindsight:file:" + args[0]);
             ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            rs.next();
            System.out.println("answer " + rs.getInt(1));
        }
    }

    @Test
    void anEmbeddedConnectionPrintsNothingOnStderr() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(EmbeddedQuietTest.class, List.of("-Xmx256m"),
            dir.toString())).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(out).as(err).contains("answer 1");
        assertThat(err).as("stderr").doesNotContain("INFO").doesNotContain("Volcano planning");
    }
}
