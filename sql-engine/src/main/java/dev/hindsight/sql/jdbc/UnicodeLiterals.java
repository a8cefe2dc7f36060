package dev.hindsight.sql.jdbc;

import java.util.Map;

/**
 * Calcite's character set for SQL literals made UTF-8: its default, ISO-8859-1, fails any literal outside Latin-1
 * ({@code SELECT '€1'}: "Failed to encode … in character set 'ISO-8859-1'"). Calcite reads the setting once, when its
 * {@code CalciteSystemProperty} class loads, from system properties and from a {@code saffron.properties} resource
 * found through the thread's context class loader. The engine's jar carries that resource, which a host whose
 * context class loader cannot see our classes (the engine loaded in a class loader of its own) would miss; so the
 * engine also sets the system properties itself, before it loads any Calcite class ({@link HindsightEmbeddedEngine}),
 * unless the host has set any of them (then the host's choice stands whole: the three must agree).
 */
final class UnicodeLiterals {

    /** The settings, as in {@code sql-engine/src/main/resources/saffron.properties}. */
    static final Map<String, String> SETTINGS = Map.of(
        "calcite.default.charset", "UTF-8",
        "calcite.default.nationalcharset", "UTF-8",
        "calcite.default.collation.name", "UTF-8$en_US");

    private UnicodeLiterals() {
    }

    /** Sets {@link #SETTINGS} as system properties unless any of them (or its old {@code saffron.} name) is set. */
    static void useByDefault() {
        boolean hostChose = SETTINGS.keySet().stream().anyMatch(k -> System.getProperty(k) != null
            || System.getProperty(k.replace("calcite.", "saffron.")) != null);
        if (!hostChose) {
            SETTINGS.forEach(System::setProperty);
        }
    }
}
