package dev.hindsight.sql.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several compiled paths answered from one walk of each document, for one thread at a time: the scan keeps one per
 * batch it reads. The walk is {@link MemberIndex}'s, member by member, but instead of recording every member it
 * compares each key with the paths' first names, keeping the last match of each (the last of repeated keys wins): the
 * same answers as {@link JsonValueFunction} per path, without storing or searching the members. Only for documents
 * the log checked well-formed on append: the walk does not validate what it skips.
 */
public final class PathSet {

    private final JsonPath[] paths;
    /** The distinct first member names of the paths, and each path's index among them. */
    private final String[] firsts;
    /** The same names' bytes (ASCII, as {@link JsonPath} names are), compared with keys in place. */
    private final byte[][] firstBytes;
    private final int[] firstOf;
    /** Per first name, where the value of its last member starts in the current document; -1: none. */
    private final int[] found;
    /** The document being walked. */
    private byte[] doc;
    /** The walk's receiver, made once: {@link #member} stays out of the public surface. */
    private final MemberSink sink = this::member;
    /** Per path: whether a number answering it is left in place ({@link #numberFrom}); only one-name paths. */
    private final boolean[] raw;
    /** Per path, after a walk: where the number left in place starts and ends in {@link #doc}; -1: none. */
    private final int[] numberFrom;
    private final int[] numberTo;

    /** A set of {@code paths}; answers come in their order. */
    public PathSet(JsonPath... paths) {
        this(new boolean[paths.length], paths);
    }

    /**
     * A set of {@code paths} where a number answering path i, if {@code rawNumbers[i]} and the path names one member
     * ({@code $.total}), is left in the document's bytes for the caller to read itself, e.g. straight into a DECIMAL,
     * instead of printed as {@code JSON_VALUE} prints it (which makes two strings): see {@link #numberFrom}. Only a
     * plain numeral is left so ({@code 17.50}, {@code 42}; not {@code 1e3}), for a reader of digits: its value is
     * {@code JSON_VALUE}'s.
     */
    public PathSet(boolean[] rawNumbers, JsonPath... paths) {
        if (rawNumbers.length != paths.length) {
            throw new IllegalArgumentException(rawNumbers.length + " raw-number flags for " + paths.length + " paths");
        }
        this.paths = paths.clone();
        this.raw = new boolean[paths.length];
        for (int i = 0; i < paths.length; i++) {
            raw[i] = rawNumbers[i] && paths[i].length() == 1;
        }
        this.numberFrom = new int[paths.length];
        this.numberTo = new int[paths.length];
        List<String> distinct = new ArrayList<>();
        firstOf = new int[paths.length];
        for (int i = 0; i < paths.length; i++) {
            String first = paths[i].name(0);
            if (!distinct.contains(first)) {
                distinct.add(first);
            }
            firstOf[i] = distinct.indexOf(first);
        }
        firsts = distinct.toArray(String[]::new);
        firstBytes = distinct.stream().map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        found = new int[firsts.length];
    }

    /** Puts JSON_VALUE of {@code json} at path i into {@code out[i]}; all NULL for a null or broken document. */
    public void values(String json, String[] out) {
        if (json == null) {
            Arrays.fill(out, null);
            Arrays.fill(numberFrom, -1);
            return;
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        values(utf8, 0, utf8.length, out);
    }

    /**
     * {@link #values(String, String[])} of the document whose UTF-8 bytes are {@code doc[from..to)}; a number
     * answering a path read raw is left in place ({@link #numberFrom}) and its {@code out} is null.
     */
    public void values(byte[] doc, int from, int to, String[] out) {
        boolean object = walk(doc, from, to);
        // cleared here, path by path, rather than by Arrays.fill: a call per array that costs more than these few
        for (int i = 0; i < paths.length; i++) {
            out[i] = null;
            numberFrom[i] = -1;
            int at = object ? found[firstOf[i]] : -1;
            int numberEnd = at >= 0 && raw[i] && isNumberStart(doc[at]) ? JsonCursor.scalarEnd(doc, at, to) : -1;
            if (numberEnd >= 0 && JsonNumbers.keepsValue(doc, at, numberEnd)) {
                numberFrom[i] = at;
                numberTo[i] = numberEnd;
            } else if (at >= 0) {
                try {
                    out[i] = new JsonCursor(doc, at, to).value(paths[i], 1);
                } catch (RuntimeException e) {
                    out[i] = null; // broken below the top level: NULL for this path, as JsonValueFunction gives
                }
            }
        }
    }

    /**
     * After {@link #values}: where the number answering path i starts in {@link #document()}, if the path reads
     * numbers raw and its answer is one; -1 otherwise. The number ends at {@link #numberTo}; its text as
     * {@code JSON_VALUE} gives it is {@link #printedNumber}.
     */
    public int numberFrom(int i) {
        return numberFrom[i];
    }

    /** After {@link #values}: where the number of {@link #numberFrom} ends (exclusive). */
    public int numberTo(int i) {
        return numberTo[i];
    }

    /** The bytes of the document last walked (the caller's own, not a copy). */
    public byte[] document() {
        return doc;
    }

    /** The number of {@link #numberFrom} as {@code JSON_VALUE} prints it: what {@code out[i]} would have held. */
    public String printedNumber(int i) {
        int from = numberFrom[i];
        try {
            return JsonNumbers.print(new String(doc, from, numberTo[i] - from, StandardCharsets.ISO_8859_1));
        } catch (RuntimeException e) {
            return null; // not a number after all: NULL, as values gives for what it cannot read
        }
    }

    private static boolean isNumberStart(byte b) {
        return b == '-' || (b >= '0' && b <= '9');
    }

    /** Finds the first names' values; false if the document's top-level object is malformed. */
    private boolean walk(byte[] doc, int from, int to) {
        for (int k = 0; k < found.length; k++) {
            found[k] = -1;
        }
        this.doc = doc;
        try {
            new JsonCursor(doc, from, to).members(sink); // not an object: no member, every path NULL
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A member of the document's top-level object ({@link MemberSink#member}). */
    private void member(int start, int end, String key, int value) {
        int match = -1;
        if (key != null) {
            match = indexOfFirst(key);
        } else {
            for (int k = 0; k < firstBytes.length; k++) {
                if (JsonCursor.matches(doc, start, end, firstBytes[k])) {
                    match = k;
                    break;
                }
            }
        }
        if (match >= 0) {
            found[match] = value; // a later member of the same name wins
        }
    }

    private int indexOfFirst(String key) {
        for (int k = 0; k < firsts.length; k++) {
            if (firsts[k].equals(key)) {
                return k;
            }
        }
        return -1;
    }
}
