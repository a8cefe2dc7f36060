package dev.hindsight.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The JVM options an embedded log needs on Java 17 ({@code --add-exports}/{@code --add-opens} for Chronicle Queue
 * and Agrona; the parent pom's {@code hindsight.jvm.flags}, copied into this module's resources at build time), and
 * which of them this JVM lacks, checked against the module system itself rather than the command line (a jar's
 * manifest {@code Add-Opens} counts). Without them Chronicle fails deep inside with an {@code AssertionError} and
 * pages of output; with this check a caller can say what to add.
 */
public final class JvmOptions {

    private static final List<String> REQUIRED = load();

    private JvmOptions() {
    }

    /** Every option an embedded log needs, as one would write them on the {@code java} command line. */
    public static List<String> required() {
        return REQUIRED;
    }

    /** The required options this JVM lacks; empty when an embedded log can be opened. */
    public static List<String> missing() {
        Module us = JvmOptions.class.getModule();
        List<String> missing = new ArrayList<>();
        for (String option : REQUIRED) {
            // --add-exports=module/package=ALL-UNNAMED or --add-opens=module/package=ALL-UNNAMED
            int eq = option.indexOf('=');
            int slash = option.indexOf('/', eq);
            int target = option.indexOf('=', slash);
            if (eq < 0 || slash < 0 || target < 0) {
                continue;
            }
            String moduleName = option.substring(eq + 1, slash);
            String pkg = option.substring(slash + 1, target);
            boolean opens = option.startsWith("--add-opens");
            boolean granted = ModuleLayer.boot().findModule(moduleName)
                .map(m -> opens ? m.isOpen(pkg, us) : m.isExported(pkg, us))
                .orElse(true); // a module this runtime does not have: nothing to grant, nothing to ask for
            if (!granted) {
                missing.add(option);
            }
        }
        return missing;
    }

    private static List<String> load() {
        Properties p = new Properties();
        try (InputStream in = JvmOptions.class.getResourceAsStream("jvm-options.properties")) {
            if (in == null) {
                throw new IllegalStateException("jvm-options.properties is missing from the hindsight-log jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(p.getProperty("flags", "").trim().split("\\s+"));
    }
}
