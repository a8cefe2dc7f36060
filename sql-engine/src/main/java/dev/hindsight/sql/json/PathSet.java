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

    /** A set of {@code paths}; answers come in their order. */
    public PathSet(JsonPath... paths) {
        this.paths = paths.clone();
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
            return;
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        values(utf8, 0, utf8.length, out);
    }

    /** {@link #values(String, String[])} of the document whose UTF-8 bytes are {@code doc[from..to)}. */
    public void values(byte[] doc, int from, int to, String[] out) {
        Arrays.fill(out, null);
        if (!walk(doc, from, to)) {
            return;
        }
        for (int i = 0; i < paths.length; i++) {
            int at = found[firstOf[i]];
            if (at >= 0) {
                try {
                    out[i] = new JsonCursor(doc, at, to).value(paths[i], 1);
                } catch (RuntimeException e) {
                    out[i] = null; // broken below the top level: NULL for this path, as JsonValueFunction gives
                }
            }
        }
    }

    /** Finds the first names' values; false if the document's top-level object is malformed. */
    private boolean walk(byte[] doc, int from, int to) {
        Arrays.fill(found, -1);
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
