package dev.hindsight.http.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code String}s of recurring short byte strings (stream ids, entity types, event names), so that a million
 * lines of ten thousand streams make ten thousand strings, not a million: less garbage for the reading thread, and
 * for the log one cached {@code hashCode} and an identity {@code equals} per stream. Direct-mapped with a fixed
 * number of slots: a colliding string replaces the one in its slot, so memory stays bounded whatever the file holds.
 *
 * <p>Not thread-safe: one per reading thread.
 */
final class StringCache {

    private static final int SLOTS = 1 << 14;
    /** Longer strings are decoded each time: ids are short, and a long key would cost more to compare than to copy. */
    static final int MAX_BYTES = 64;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /** The string of the well-formed UTF-8 in {@code b[from, to)}. */
    String get(byte[] b, int from, int to) {
        int len = to - from;
        if (len > MAX_BYTES) {
            return new String(b, from, len, StandardCharsets.UTF_8);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ h >>> 14) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, b, from, to)) {
            return values[slot];
        }
        String s = new String(b, from, len, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(b, from, to);
        values[slot] = s;
        return s;
    }
}
