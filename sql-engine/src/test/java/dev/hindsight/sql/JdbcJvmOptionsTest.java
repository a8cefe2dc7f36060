package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.JvmOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * JDBC conformance, embedded use without the JVM options: the connection fails with one SQLException (08001) that
 * lists exactly the options to add, instead of Chronicle's AssertionError and pages of output.
 */
class JdbcJvmOptionsTest {

    @Test
    void aJvmWithoutTheOptionsIsToldWhichToAdd() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            MissingJvmOptionsConnect.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(out).startsWith("08001 embedded Hindsight needs these JVM options");
        // the options listed: each a required one, and among them those no plain JVM grants
        String listed = out.substring(out.indexOf("Java 17): ") + "Java 17): ".length(), out.indexOf(" (the "));
        assertThat(List.of(listed.split(" "))).isSubsetOf(JvmOptions.required())
            .contains("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
    }

    @Test
    void thisJvmHasThemAll() {
        // Surefire's argLine carries hindsight.jvm.flags: the check must find nothing missing here
        assertThat(JvmOptions.missing()).isEmpty();
        assertThat(JvmOptions.required()).hasSizeGreaterThan(5).allMatch(o -> o.startsWith("--add-"));
        assertThat(List.copyOf(JvmOptions.required())).contains("--add-opens=java.base/java.lang=ALL-UNNAMED");
    }
}
