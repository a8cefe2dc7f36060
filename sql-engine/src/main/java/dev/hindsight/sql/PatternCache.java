package dev.hindsight.sql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Compiled regular expressions by what they were made from, for functions that take a pattern per row
 * ({@code SIMILAR TO}, {@code REGEXP_REPLACE}): a statement's pattern is usually one literal, compiled once, not row
 * after row. Bounded: patterns that change row after row fill it up to {@link #CAPACITY}, and it starts again.
 * Thread-safe (two threads may compile the same pattern once each).
 *
 * @param <K> what a pattern is made from (its text, with whatever else changes it)
 */
final class PatternCache<K> {

    /** How many compiled patterns are kept. */
    static final int CAPACITY = 256;

    private final Map<K, Pattern> patterns = new ConcurrentHashMap<>();

    /** The pattern made from {@code key}: the one kept, else {@code compile}'s, kept. */
    Pattern get(K key, Function<K, Pattern> compile) {
        Pattern pattern = patterns.get(key);
        if (pattern == null) {
            pattern = compile.apply(key);
            if (patterns.size() >= CAPACITY) {
                patterns.clear();
            }
            patterns.put(key, pattern);
        }
        return pattern;
    }
}
