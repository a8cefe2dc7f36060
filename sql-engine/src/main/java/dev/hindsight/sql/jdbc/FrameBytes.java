package dev.hindsight.sql.jdbc;

/**
 * Internal: about how many bytes a remote frame's rows take, so that {@link ServerMeta} cuts a frame by size as well as
 * by rows. A frame is built whole before it goes out (its rows in the heap, then again as protobuf), and rows alone
 * bounded it: a client's default 5,000 rows of 300 kB events made one frame of 1.5 GB, and ran a 2 GB server out of
 * memory (a hunt's figures), which any {@code read} key could do. An estimate of the order of magnitude, not a
 * count: text by its characters (a byte each for the ASCII of most events, in the heap and on the wire), binary by its
 * bytes, anything else 8, and each value 16 more for its object and its field.
 */
final class FrameBytes {

    /** A frame takes no more rows once those it has hold this many bytes (at least one row, however large). */
    static final long LIMIT = 4L << 20;
    private static final long PER_VALUE = 16;

    private FrameBytes() {
    }

    /** The estimate for {@code rows}, each a row of a frame ({@code Object[]}, or a single value). */
    static long of(Iterable<?> rows) {
        long bytes = 0;
        for (Object row : rows) {
            bytes += ofRow(row);
        }
        return bytes;
    }

    static long ofRow(Object row) {
        if (!(row instanceof Object[] values)) {
            return ofValue(row);
        }
        long bytes = 0;
        for (Object value : values) {
            bytes += ofValue(value);
        }
        return bytes;
    }

    private static long ofValue(Object value) {
        if (value instanceof CharSequence text) {
            return PER_VALUE + text.length();
        }
        if (value instanceof byte[] binary) {
            return PER_VALUE + binary.length;
        }
        return PER_VALUE + 8;
    }
}
