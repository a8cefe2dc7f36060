package dev.hindsight.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Seeds for a property test written as a plain JUnit 5 parameterized test: each run draws fresh seeds, the seed is
 * the test's display name (so a failure names it), and {@code -Dhindsight.seed=N} reruns that one seed alone.
 *
 * <pre>
 * &#64;ParameterizedTest(name = "seed {0}")
 * &#64;Seeds.Source(runs = 60)
 * void versionsAreGapless(long seed) {
 *     Random random = new Random(seed);
 *     …
 * }
 * </pre>
 */
public final class Seeds implements ArgumentsProvider, AnnotationConsumer<Seeds.Source> {

    /** The system property that replaces the drawn seeds with one. */
    public static final String PROPERTY = "hindsight.seed";

    /** How many seeds a test runs. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ArgumentsSource(Seeds.class)
    public @interface Source {
        /** The number of seeds drawn for one run of the test. */
        int runs() default 50;
    }

    private int runs;

    @Override
    public void accept(Source source) {
        runs = source.runs();
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return seeds(runs).mapToObj(Arguments::of);
    }

    /** {@code runs} fresh seeds, or the one {@code -Dhindsight.seed} names. */
    static LongStream seeds(int runs) {
        String one = System.getProperty(PROPERTY);
        if (one != null && !one.isBlank()) {
            return LongStream.of(Long.parseLong(one.strip()));
        }
        return new SplittableRandom().longs(runs);
    }
}
