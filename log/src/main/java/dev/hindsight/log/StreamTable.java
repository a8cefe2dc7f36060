package dev.hindsight.log;

import java.util.Arrays;

/**
 * The stream index's hash table, keyed by the UTF-8 bytes of the stream id, so that neither an append (which has the
 * bytes already) nor the open-time scan (which reads them from the record) builds a {@code String} to look a stream
 * up. Open addressing with linear probing; a parallel array of hashes keeps a probe on one cache line until a hash
 * matches. Not thread-safe: guarded by the index lock.
 */
final class StreamTable {

    private StreamState[] slots = new StreamState[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int size;

    /** A well-mixed hash of {@code len} bytes from {@code off}: murmur3's finaliser over a polynomial hash. */
    static int hash(byte[] bytes, int off, int len) {
        int h = 0x9747b28c;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    StreamState get(byte[] bytes, int off, int len, int hash) {
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            StreamState s = slots[i];
            if (s == null) {
                return null;
            }
            if (hashes[i] == hash && Arrays.equals(s.idBytes, 0, s.idBytes.length, bytes, off, off + len)) {
                return s;
            }
        }
    }

    StreamState get(byte[] id) {
        return get(id, 0, id.length, hash(id, 0, id.length));
    }

    /** Adds a stream that is not in the table yet. */
    void put(StreamState s) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        insert(slots, hashes, s);
        size++;
    }

    private static void insert(StreamState[] slots, int[] hashes, StreamState s) {
        int mask = slots.length - 1;
        int i = s.hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = s;
        hashes[i] = s.hash;
    }

    /** Empties the table, keeping its capacity. */
    void clear() {
        if (size > 0) {
            Arrays.fill(slots, null);
            size = 0;
        }
    }

    private void grow() {
        StreamState[] newSlots = new StreamState[slots.length * 2];
        int[] newHashes = new int[slots.length * 2];
        for (StreamState s : slots) {
            if (s != null) {
                insert(newSlots, newHashes, s);
            }
        }
        slots = newSlots;
        hashes = newHashes;
    }
}
