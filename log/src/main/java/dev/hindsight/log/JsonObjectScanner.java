package dev.hindsight.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks in one pass, allocating little, that UTF-8 bytes hold exactly one JSON object (RFC 8259, optional
 * whitespace around it), nesting at most {@link #MAX_DEPTH} deep, no object giving a key twice. It accepts exactly
 * what Jackson's parser accepts for such input with its strict duplicate detection on, as the HTTP API reads bodies
 * (a property test holds the two together; SQL's {@code INSERT} stored {@code {"a":1,"a":2}}, which the HTTP API and
 * {@code import} refuse, so an export did not import); it exists because Jackson's per-call parser set-up
 * cost more than the rest of an append. When it says no, Jackson is asked again for a precise message.
 *
 * <p>Strings are checked for escapes and raw control characters; multi-byte UTF-8 is taken as is, since the bytes
 * come from Java strings and are well-formed. One thing Jackson lets through is refused: an escaped surrogate that is
 * not half of a pair ({@code "\\ud800"}), which is no Unicode text; PostgreSQL's {@code jsonb} refuses it too, and
 * the HTTP API, which reads {@code data} into Java strings, could not take an exported event holding one.
 */
final class JsonObjectScanner {

    static final int MAX_DEPTH = 256;

    /**
     * The most digits a number may have, whole part, fraction and exponent together: Jackson's default limit, which
     * the HTTP API and {@code import} parse bodies with (a longer one that SQL stored broke {@code export --url}).
     */
    static final int MAX_NUMBER_DIGITS = 1000;

    /** The longest key, in characters: Jackson's default limit, as for {@link #MAX_NUMBER_DIGITS}. */
    static final int MAX_KEY_CHARS = 50_000;

    /**
     * Bytes a string's content cannot simply pass over: the closing quote, a backslash and raw control characters.
     * One table lookup and one branch per byte on the common path, instead of three comparisons.
     */
    private static final boolean[] STRING_STOP = new boolean[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            STRING_STOP[b] = true;
        }
        STRING_STOP['"'] = true;
        STRING_STOP['\\'] = true;
    }

    /** Up to this many keys, an object's keys are compared with each other as bytes; beyond, by a set of names. */
    private static final int SMALL = 16;

    private final byte[] in;
    private int pos;
    /**
     * The keys of the objects being read, innermost last, as spans of {@link #in} inside their quotes: one object's
     * keys from its start in the stack to {@link #keyCount}. Allocated at the first object of two keys or more.
     */
    private int[] keyStarts;
    private int[] keyEnds;
    private int keyCount;

    private JsonObjectScanner(byte[] in) {
        this.in = in;
    }

    /** Whether {@code json} is exactly one JSON object. */
    static boolean isObject(byte[] json) {
        JsonObjectScanner s = new JsonObjectScanner(json);
        try {
            s.skipWhitespace();
            if (!s.peekIs('{')) {
                return false;
            }
            if (!s.value(0)) {
                return false;
            }
            s.skipWhitespace();
            return s.pos == json.length;
        } catch (ArrayIndexOutOfBoundsException e) {
            return false; // ran off the end: truncated input
        }
    }

    private boolean peekIs(char c) {
        return pos < in.length && in[pos] == c;
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    private boolean value(int depth) {
        byte b = in[pos];
        return switch (b) {
            case '{' -> depth < MAX_DEPTH && object(depth + 1);
            case '[' -> depth < MAX_DEPTH && array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean object(int depth) {
        pos++; // '{'
        skipWhitespace();
        if (in[pos] == '}') {
            pos++;
            return true;
        }
        int firstKey = keyCount;
        try {
            return members(depth, firstKey);
        } finally {
            keyCount = firstKey; // this object's keys are done with, whichever way it ended
        }
    }

    /** An object's members from its first key on; a key given twice is refused, as Jackson's strict reading does. */
    private boolean members(int depth, int firstKey) {
        Set<String> names = null; // past SMALL keys, the keys by name: an object of many keys is checked in linear time
        while (true) {
            int keyStart = pos + 1;
            if (in[pos] != '"' || !string()) {
                return false;
            }
            // a key's bytes are at least its characters: only a long one is read to count them
            if (pos - 1 - keyStart > MAX_KEY_CHARS && unescaped(keyStart, pos - 1).length() > MAX_KEY_CHARS) {
                return false;
            }
            if (names == null && keyCount - firstKey >= SMALL) {
                names = new HashSet<>();
                for (int k = firstKey; k < keyCount; k++) {
                    names.add(unescaped(keyStarts[k], keyEnds[k]));
                }
            }
            if (names != null ? !names.add(unescaped(keyStart, pos - 1)) : !newKey(firstKey, keyStart, pos - 1)) {
                return false;
            }
            skipWhitespace();
            if (in[pos++] != ':') {
                return false;
            }
            skipWhitespace();
            if (!value(depth)) {
                return false;
            }
            skipWhitespace();
            byte b = in[pos++];
            if (b == '}') {
                return true;
            }
            if (b != ',') {
                return false;
            }
            skipWhitespace();
        }
    }

    /** Notes key {@code in[start, end)} of the object whose keys start at {@code firstKey}; false if given before. */
    private boolean newKey(int firstKey, int start, int end) {
        for (int k = firstKey; k < keyCount; k++) {
            if (sameKey(keyStarts[k], keyEnds[k], start, end)) {
                return false;
            }
        }
        if (keyStarts == null) {
            keyStarts = new int[8];
            keyEnds = new int[8];
        } else if (keyCount == keyStarts.length) {
            keyStarts = Arrays.copyOf(keyStarts, keyCount * 2);
            keyEnds = Arrays.copyOf(keyEnds, keyCount * 2);
        }
        keyStarts[keyCount] = start;
        keyEnds[keyCount] = end;
        keyCount++;
        return true;
    }

    /** Whether two keys are the same name: the same bytes, or, written with escapes, the same text once read. */
    private boolean sameKey(int aStart, int aEnd, int bStart, int bEnd) {
        boolean escaped = indexOf(aStart, aEnd, (byte) '\\') >= 0 || indexOf(bStart, bEnd, (byte) '\\') >= 0;
        if (!escaped) {
            return Arrays.equals(in, aStart, aEnd, in, bStart, bEnd);
        }
        return unescaped(aStart, aEnd).equals(unescaped(bStart, bEnd));
    }

    private int indexOf(int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (in[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The text of the checked string {@code in[start, end)}, its escapes read. */
    private String unescaped(int start, int end) {
        StringBuilder text = new StringBuilder(end - start);
        int run = start;
        for (int i = start; i < end; i++) {
            if (in[i] != '\\') {
                continue;
            }
            text.append(new String(in, run, i - run, StandardCharsets.UTF_8));
            byte e = in[++i];
            switch (e) {
                case 'u' -> {
                    text.append((char) Integer.parseInt(new String(in, i + 1, 4,
                        StandardCharsets.US_ASCII), 16));
                    i += 4;
                }
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                default -> text.append((char) e); // '"', '\\', '/'
            }
            run = i + 1;
        }
        return text.append(new String(in, run, end - run, StandardCharsets.UTF_8)).toString();
    }

    private boolean array(int depth) {
        pos++; // '['
        skipWhitespace();
        if (in[pos] == ']') {
            pos++;
            return true;
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            skipWhitespace();
            byte b = in[pos++];
            if (b == ']') {
                return true;
            }
            if (b != ',') {
                return false;
            }
            skipWhitespace();
        }
    }

    private boolean string() {
        pos++; // opening quote
        byte[] in = this.in;
        while (true) {
            int p = pos;
            while (!STRING_STOP[in[p] & 0xFF]) {
                p++;
            }
            pos = p + 1;
            byte b = in[p];
            if (b == '"') {
                return true;
            }
            if (b == '\\') {
                byte e = in[pos++];
                if (e == 'u') {
                    int unit = hex4();
                    if (unit < 0 || Character.isLowSurrogate((char) unit)) {
                        return false; // a low surrogate with no high one before it
                    }
                    if (Character.isHighSurrogate((char) unit)) {
                        // paired only by an escaped low surrogate: raw UTF-8 cannot encode half a pair
                        if (in[pos] != '\\' || in[pos + 1] != 'u') {
                            return false;
                        }
                        pos += 2;
                        int low = hex4();
                        if (low < 0 || !Character.isLowSurrogate((char) low)) {
                            return false;
                        }
                    }
                } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                    && e != 't') {
                    return false;
                }
            } else {
                return false; // raw control character
            }
        }
    }

    /** The code unit of the four hex digits at {@code pos}, read past, or -1 if they are not four hex digits. */
    private int hex4() {
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(in[pos++], 16);
            if (digit < 0) {
                return -1;
            }
            unit = unit << 4 | digit;
        }
        return unit;
    }

    private boolean literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (in[pos++] != word.charAt(i)) {
                return false;
            }
        }
        return pos == in.length || !isIdentifierPart(in[pos]);
    }

    private boolean number() {
        if (in[pos] == '-') {
            pos++;
        }
        int start = pos;
        if (in[pos] == '0') {
            pos++;
        } else if (isDigit(in[pos])) {
            while (pos < in.length && isDigit(in[pos])) {
                pos++;
            }
        } else {
            return false;
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (!isDigit(in[pos])) {
                return false;
            }
            while (pos < in.length && isDigit(in[pos])) {
                pos++;
            }
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (in[pos] == '+' || in[pos] == '-') {
                pos++;
            }
            if (!isDigit(in[pos])) {
                return false;
            }
            while (pos < in.length && isDigit(in[pos])) {
                pos++;
            }
        }
        // "01", "1x": a number must end at a delimiter
        return (pos == in.length || (!isIdentifierPart(in[pos]) && !isDigit(in[pos])))
            && digits(start, pos) <= MAX_NUMBER_DIGITS;
    }

    /** The digits in {@code in[start, end)}: those of a number's whole part, fraction and exponent. */
    private int digits(int start, int end) {
        if (end - start <= MAX_NUMBER_DIGITS) {
            return end - start; // fewer characters than the limit: fewer digits too
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            n += isDigit(in[i]) ? 1 : 0;
        }
        return n;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isIdentifierPart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '.'
            || b == '-' || b == '+' || b < 0;
    }
}
