package dev.hindsight.sql.json;

import java.nio.charset.StandardCharsets;

/**
 * A reader over one document's UTF-8 bytes {@code s[..end)}. JSON's structure is ASCII and a multi-byte UTF-8
 * sequence never holds an ASCII byte, so walking bytes finds what walking characters finds; only strings are decoded,
 * and only those asked for. Paths are ASCII names ({@link JsonPath}), compared byte for byte.
 *
 * <p>The walk does not validate what it skips: on a well-formed document it answers as a parser would; on a malformed
 * one it may throw anywhere (an index past the end, a bad escape), and its callers take any such throw as NULL, as
 * Calcite's {@code JSON_VALUE} answers NULL ON ERROR. Not thread-safe; one per walk.
 */
final class JsonCursor {

    /** The bytes that end a number or literal: one load per byte where seven compares were. */
    private static final boolean[] ENDS_SCALAR = new boolean[256];

    static {
        for (char c : new char[] {',', '}', ']', ' ', '\t', '\r', '\n'}) {
            ENDS_SCALAR[c] = true;
        }
    }

    private final byte[] s;
    private final int end;
    /** Where the walk is: the next byte to read. */
    private int pos;

    JsonCursor(byte[] s, int from, int end) {
        this.s = s;
        this.pos = from;
        this.end = end;
    }

    /** The byte at {@code i}; past the document's end a malformed document fails, as a String walk would. */
    private byte at(int i) {
        if (i >= end) {
            throw new IndexOutOfBoundsException(i);
        }
        return s[i];
    }

    /**
     * Walks the top-level object at pos, handing each member to {@code sink}; false if the document is not an
     * object. A key with escapes is decoded, so a bad escape fails the document as a walk to any member would;
     * anything malformed on the way throws.
     */
    boolean members(MemberSink sink) {
        skipWs();
        if (at(pos) != '{') {
            return false;
        }
        pos++;
        skipWs();
        if (at(pos) == '}') {
            return true;
        }
        while (true) {
            int start = pos + 1;
            String key = null;
            if (skipKey()) {
                pos = start - 1;
                key = string();
            }
            int end = pos - 1;
            skipWs();
            pos++; // ':'
            skipWs();
            sink.member(start, end, key, pos);
            skipValue();
            skipWs();
            if (at(pos++) == '}') {
                return true;
            }
            skipWs(); // after ','
        }
    }

    /** The value at {@code path}'s steps {@code from..} from the value at pos (its first character). */
    String value(JsonPath path, int from) {
        for (int i = from; i < path.length(); i++) {
            if (at(pos) != '{') {
                return null;
            }
            int found = findLastMember(path.name(i));
            if (found < 0) {
                return null;
            }
            pos = found;
        }
        return scalar();
    }

    /** In the object at pos, the start of the value of the last member called {@code name}, or -1. */
    private int findLastMember(String name) {
        pos++; // '{'
        skipWs();
        int found = -1;
        if (at(pos) == '}') {
            return -1;
        }
        while (true) {
            boolean match = keyEquals(name);
            skipWs();
            pos++; // ':'
            skipWs();
            if (match) {
                found = pos;
            }
            skipValue();
            skipWs();
            byte c = at(pos++);
            if (c == '}') {
                return found;
            }
            skipWs(); // after ','
        }
    }

    private String scalar() {
        byte c = at(pos);
        return switch (c) {
            case '"' -> string();
            case 't' -> "true";
            case 'f' -> "false";
            case 'n', '{', '[' -> null;
            default -> {
                int start = pos;
                skipValue();
                yield JsonNumbers.print(new String(s, start, pos - start, StandardCharsets.ISO_8859_1));
            }
        };
    }

    private void skipValue() {
        byte c = at(pos);
        if (c == '"') {
            skipString();
        } else if (c == '{' || c == '[') {
            int depth = 0;
            do {
                byte d = at(pos);
                if (d == '"') {
                    skipString();
                    continue;
                }
                if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    depth--;
                }
                pos++;
            } while (depth > 0);
        } else {
            pos = scalarEnd(s, pos, end);
        }
    }

    /** Where the number or literal starting at {@code p} ends: the first byte after it, at most {@code end}. */
    static int scalarEnd(byte[] s, int p, int end) {
        while (p < end && !ENDS_SCALAR[s[p] & 0xFF]) {
            p++;
        }
        return p;
    }

    /** Skips the key at pos (its opening quote); returns whether it holds an escape. */
    private boolean skipKey() {
        int p = pos + 1;
        boolean escapes = false;
        while (true) {
            byte c = at(p++);
            if (c == '"') {
                pos = p;
                return escapes;
            }
            if (c == '\\') {
                escapes = true;
                p++;
            }
        }
    }

    /** Whether the key at pos (its opening quote) is {@code name}; leaves pos after the key. */
    private boolean keyEquals(String name) {
        int start = pos + 1;
        int stop = start;
        boolean escaped = false;
        while (true) {
            byte c = at(stop);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                stop += 2;
            } else {
                stop++;
            }
        }
        if (!escaped) {
            // the common case: compared in place, nothing allocated
            pos = stop + 1;
            return stop - start == name.length() && matches(s, start, name);
        }
        return string().equals(name);
    }

    /** Whether {@code s[start..]} holds the ASCII {@code name} (the caller checked the length). */
    static boolean matches(byte[] s, int start, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (s[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[start..end)} holds exactly the bytes of {@code name}. */
    static boolean matches(byte[] s, int start, int end, byte[] name) {
        if (end - start != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (s[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void skipString() {
        int p = pos + 1;
        while (true) {
            byte c = at(p++);
            if (c == '"') {
                pos = p;
                return;
            }
            if (c == '\\') {
                p++;
            }
        }
    }

    /** Reads a string at pos (its opening quote) and returns it unescaped. */
    private String string() {
        int start = ++pos;
        int stop = start;
        while (true) {
            byte c = at(stop);
            if (c == '"') {
                pos = stop + 1;
                return new String(s, start, stop - start, StandardCharsets.UTF_8);
            }
            if (c == '\\') {
                break;
            }
            stop++;
        }
        StringBuilder sb = new StringBuilder(new String(s, start, stop - start, StandardCharsets.UTF_8));
        pos = stop;
        while (true) {
            byte c = at(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c != '\\') {
                // the plain bytes up to the next quote or backslash, decoded together: a UTF-8 sequence stays whole
                int run = pos;
                while (at(pos) != '"' && at(pos) != '\\') {
                    pos++;
                }
                sb.append(new String(s, run, pos - run, StandardCharsets.UTF_8));
                continue;
            }
            pos++;
            byte e = at(pos++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    at(pos + 3); // four hex digits, inside the document
                    sb.append((char) Integer.parseInt(new String(s, pos, 4, StandardCharsets.ISO_8859_1), 16));
                    pos += 4;
                }
                default -> sb.append((char) e); // " \ /
            }
        }
    }

    private void skipWs() {
        while (pos < end) {
            byte c = at(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }
}
