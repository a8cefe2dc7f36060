package dev.hindsight;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of the architecture: log &larr; projections &larr; sql-engine &larr; http &larr; cli, and a jdbc driver
 * that needs nothing of ours. The build would let a module import any class on its class path; this test does not.
 * It lives in {@code cli}, the one module whose class path holds them all.
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hindsight");
    }

    @Test
    void theLogDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("dev.hindsight.log..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hindsight.projection..", "dev.hindsight.sql..",
                "dev.hindsight.jdbc..", "dev.hindsight.http..", "dev.hindsight.cli..", "org.apache.calcite..")
            .check(classes);
    }

    @Test
    void theSqlEngineSeesNoChronicleTypeAndNothingAboveIt() {
        noClasses().that().resideInAPackage("dev.hindsight.sql..")
            .should().dependOnClassesThat().resideInAnyPackage("net.openhft..", "dev.hindsight.http..",
                "dev.hindsight.cli..")
            .check(classes);
    }

    @Test
    void onlyQueueStoreTouchesChronicleQueue() {
        noClasses().that().resideInAPackage("dev.hindsight..")
            .and().haveNameNotMatching("dev\\.hindsight\\.log\\.QueueStore(\\$.*)?") // and its nested classes
            .should().dependOnClassesThat().resideInAnyPackage("net.openhft..")
            .check(classes);
    }

    @Test
    void theServerSeesNothingOfTheCommandLine() {
        noClasses().that().resideInAPackage("dev.hindsight.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hindsight.cli..")
            .check(classes);
    }

    @Test
    void noMainCodeUsesTestHooksOrReflectiveProxies() {
        noClasses().that().resideInAPackage("dev.hindsight..")
            .should().dependOnClassesThat().belongToAnyOf(Hook.class,
                Proxy.class, InvocationHandler.class)
            .check(classes);
    }

    @Test
    void projectionsDependOnlyOnTheLog() {
        noClasses().that().resideInAPackage("dev.hindsight.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hindsight.sql..", "dev.hindsight.http..",
                "dev.hindsight.cli..", "dev.hindsight.jdbc..", "net.openhft..")
            .check(classes);
    }

    @Test
    void theDriverNeedsNothingOfOursNorCalciteNorChronicle() {
        // Avatica's client is the remote driver's protocol (shaded into its jar); Calcite's engine stays out
        noClasses().that().resideInAPackage("dev.hindsight.jdbc..")
            .should().dependOnClassesThat(resideInAnyPackage("dev.hindsight.log..", "dev.hindsight.sql..",
                "dev.hindsight.projection..", "dev.hindsight.http..", "dev.hindsight.cli..", "org.apache.calcite..",
                "net.openhft..").and(resideOutsideOfPackage("org.apache.calcite.avatica..")))
            .check(classes);
    }

    /**
     * The SQL layer is attached to Calcite and Avatica at their extension points (a prepare per statement, the
     * connection's Meta), so that a remote client meets the same behaviour as an embedded one: no test hook of
     * Calcite's, no reflective proxy, no state handed from one call to another through a thread.
     */
    @Test
    void theSqlLayerUsesNoTestHooksProxiesOrThreadHandOvers() {
        noClasses().that().resideInAPackage("dev.hindsight.sql..")
            .should().dependOnClassesThat().belongToAnyOf(Hook.class,
                Proxy.class, InvocationHandler.class)
            .check(classes);
        // one thread-local remains, a per-thread cache of the last document's member index (JsonValueFunction),
        // never read by another call to learn what a previous one decided
        noClasses().that().resideInAPackage("dev.hindsight.sql..")
            .and().doNotHaveSimpleName("JsonValueFunction")
            .should().dependOnClassesThat().belongToAnyOf(ThreadLocal.class)
            .check(classes);
    }

    /**
     * Avatica (the JDBC and wire layer under Calcite's driver: {@code Meta}, signatures, typed values, its result
     * sets and exceptions) is met in one package, {@code dev.hindsight.sql.jdbc}, the glue that attaches the engine
     * to JDBC; the engine itself speaks Calcite. One more class of ours uses it, {@code
     * org.apache.calcite.jdbc.ExtensibleCalciteMetaImpl}, which must live in Calcite's package (see its javadoc) and is
     * outside what this test imports. Allowed everywhere: {@code org.apache.calcite.avatica.util} ({@code TimeUnit},
     * {@code DateTimeUtils}, {@code Casing}, …), which Calcite's own planner and types use throughout.
     */
    @Test
    void onlyTheJdbcGlueUsesAvatica() {
        noClasses().that().resideInAPackage("dev.hindsight..")
            .and().resideOutsideOfPackage("dev.hindsight.sql.jdbc..")
            .and().resideOutsideOfPackage("dev.hindsight.jdbc..") // the thin driver is an Avatica client
            .should().dependOnClassesThat(resideInAPackage("org.apache.calcite.avatica..")
                .and(resideOutsideOfPackage("org.apache.calcite.avatica.util..")))
            .check(classes);
    }
}
