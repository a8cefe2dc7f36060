package dev.hindsight.benchmarks;

import java.util.List;
import org.openjdk.jmh.annotations.Fork;

/**
 * The JMH fork settings every benchmark of this module inherits: one fork whose JVM gets the flags Chronicle Queue
 * (and Agrona) need on Java 17.
 *
 * <p><b>Generated</b> by Maven resources filtering from {@code src/main/java-templates}; edit the template, never
 * {@code target/generated-sources}. The flags come from the parent pom property {@code hindsight.jvm.flags}, the one
 * place they are listed: the build splits it into one string literal per flag, because JMH hands each element of
 * {@code jvmArgsAppend} to the forked JVM as a single argument and does not split on spaces (a single
 * {@code "--add-opens=A --add-opens=B"} element would reach {@code java} as one malformed flag, which it only warns
 * about).
 *
 * <p>JMH takes each {@link Fork} element from the first annotation that sets it, method first, then class, then
 * superclasses; so a benchmark may declare {@code @Fork(jvmArgsPrepend = ...)} (e.g. a bigger heap) and still
 * inherit these flags, as long as it does not set {@code jvmArgsAppend} itself. On the command line,
 * {@code -jvmArgsAppend} would <i>replace</i> these flags; add options with {@code -jvmArgsPrepend} instead, which
 * replaces only the heap settings below. {@link #chronicleJvmFlags()} lets a benchmark check its fork got the flags.
 */
@Fork(value = 1,
    // fixed heap, so that the heap never resizes during a measurement; replaced by a -jvmArgsPrepend option
    jvmArgsPrepend = {"-Xms1g", "-Xmx1g"},
    jvmArgsAppend = {
        ${hindsight.benchmarks.forkFlags}
        // the same properties QueueStore sets, given here as well for the benchmarks that use Chronicle directly
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true",
        "-Dchronicle.disk.monitor.disable=true"})
public abstract class ChronicleForkedBenchmark {

    private static final String[] CHRONICLE_JVM_FLAGS = {${hindsight.benchmarks.forkFlags}};

    protected ChronicleForkedBenchmark() {
    }

    /** The flags of {@code hindsight.jvm.flags}, one per element, as the build split them. */
    static List<String> chronicleJvmFlags() {
        return List.of(CHRONICLE_JVM_FLAGS);
    }
}
