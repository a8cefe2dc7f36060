package dev.hindsight.sql;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fast {@code JSON_VALUE(doc, '[lax] $.a.b')}: walks the document's text once for the path, without building a
 * tree or running a JSONPath engine, and gives exactly what Calcite's {@code JSON_VALUE} gives for the paths it
 * takes (lax mode, member steps only, no {@code RETURNING}): a string's unescaped value, a number as Jackson then
 * {@code toString} print it, {@code true}/{@code false}, and NULL for JSON null, a missing member, an object or an
 * array. Where an object repeats a key, the last one wins, as in Jackson's map. {@link JsonValueRule} puts it in
 * place of Calcite's implementation; {@code JsonValueFunctionTest} holds the two to the same answers. Public for
 * Calcite's generated code.
 */
public final class JsonValueFunction {

    /** Compiled paths: the member names of each path text; paths are literals, so a handful per statement. */
    private static final ConcurrentHashMap<String, String[]> PATHS = new ConcurrentHashMap<>();

    private JsonValueFunction() {
    }

    /** Whether a JSON number's text is already what JSON_VALUE prints for it (see {@link Cursor#printsAsItself}). */
    static boolean printsAsItself(String number) {
        return Cursor.printsAsItself(number);
    }

    /** The member names of a path this function takes, or {@code null} if it does not take it. */
    static String[] compile(String path) {
        String p = path.trim();
        if (p.startsWith("lax ")) {
            p = p.substring(4).trim();
        }
        if (!p.startsWith("$")) {
            return null;
        }
        String[] steps = p.substring(1).split("\\.", -1);
        if (steps.length < 2 || !steps[0].isEmpty()) {
            return null;
        }
        String[] names = new String[steps.length - 1];
        for (int i = 1; i < steps.length; i++) {
            if (!steps[i].matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return null;
            }
            names[i - 1] = steps[i];
        }
        return names;
    }

    /**
     * The top-level members of the document this thread read last: a statement usually asks several paths of the
     * same row's document in a row ({@code JSON_VALUE(data,'$.customerId')}, {@code JSON_VALUE(data,'$.total')}), and
     * the document is then walked once for all of them instead of once per path.
     */
    private static final ThreadLocal<Members> LAST = ThreadLocal.withInitial(Members::new);

    /** Called by generated code, per row. */
    public static String eval(String json, String path) {
        if (json == null) {
            return null;
        }
        return LAST.get().value(json, PATHS.computeIfAbsent(path, JsonValueFunction::compile));
    }

    /**
     * The members of a document's top-level object: where each key and value starts. A document that is not an
     * object has none; one that is malformed anywhere in its top-level object throws, as the walk of a single path
     * would.
     */
    private static final class Members implements MemberSink {
        private String doc;
        private byte[] bytes; // doc's UTF-8
        private int count; // -1: not an object
        private int[] keyStart = new int[16];
        private int[] keyEnd = new int[16];
        /** The decoded key of a member whose key holds escapes, else null (then compared in place). */
        private String[] decoded = new String[16];
        private int[] valueStart = new int[16];

        /** JSON_VALUE of {@code json} (not null) at the path of member names {@code names}. */
        String value(String json, String[] names) {
            try {
                if (doc != json) { // the same String object: the same row's value, already indexed
                    index(json);
                }
                int at = valueOf(names[0]);
                if (at < 0) {
                    return null;
                }
                return new Cursor(bytes, at, bytes.length).value(names, 1);
            } catch (RuntimeException e) {
                doc = null;
                return null; // not JSON: NULL ON ERROR, as Calcite's default
            }
        }

        private void index(String json) {
            doc = null; // until indexed whole
            bytes = json.getBytes(StandardCharsets.UTF_8);
            count = 0;
            if (!new Cursor(bytes, 0, bytes.length).members(this)) {
                count = -1;
            }
            doc = json;
        }

        @Override
        public void member(int start, int end, String key, int value) {
            if (count == keyStart.length) {
                int n = keyStart.length * 2;
                keyStart = Arrays.copyOf(keyStart, n);
                keyEnd = Arrays.copyOf(keyEnd, n);
                decoded = Arrays.copyOf(decoded, n);
                valueStart = Arrays.copyOf(valueStart, n);
            }
            keyStart[count] = start;
            keyEnd[count] = end;
            decoded[count] = key;
            valueStart[count++] = value;
        }

        /** Where the value of the last member called {@code name} starts, or -1 (none, or not an object). */
        private int valueOf(String name) {
            for (int i = count - 1; i >= 0; i--) {
                if (decoded[i] != null) {
                    if (decoded[i].equals(name)) {
                        return valueStart[i];
                    }
                } else if (keyEnd[i] - keyStart[i] == name.length() && Cursor.matches(bytes, keyStart[i], name)) {
                    return valueStart[i];
                }
            }
            return -1;
        }
    }

    /**
     * Several compiled paths ({@link #compile}) answered from one walk of each document, for one thread at a time:
     * {@link JsonExtracts} keeps one per batch it reads. The walk is {@link Members#index}'s, member by member, but
     * instead of recording every member it compares each key with the paths' first names, keeping the last match of
     * each (the last of repeated keys wins): the same answers as {@link #eval} per path, without storing or searching
     * the members.
     */
    static final class PathSet implements MemberSink {
        private final String[][] paths;
        /** The distinct first member names of the paths, and each path's index among them. */
        private final String[] firsts;
        private final int[] firstOf;
        /** Per first name, where the value of its last member starts in the current document; -1: none. */
        private final int[] found;
        /** The document being walked. */
        private byte[] doc;

        PathSet(String[][] paths) {
            this.paths = paths;
            List<String> distinct = new ArrayList<>();
            firstOf = new int[paths.length];
            for (int i = 0; i < paths.length; i++) {
                if (!distinct.contains(paths[i][0])) {
                    distinct.add(paths[i][0]);
                }
                firstOf[i] = distinct.indexOf(paths[i][0]);
            }
            firsts = distinct.toArray(String[]::new);
            found = new int[firsts.length];
        }

        /** Puts JSON_VALUE of {@code json} at path i into {@code out[i]}; all NULL for a null or broken document. */
        void values(String json, String[] out) {
            if (json == null) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = null;
                }
                return;
            }
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            values(utf8, 0, utf8.length, out);
        }

        /** {@link #values(String, String[])} of the document whose UTF-8 bytes are {@code doc[from..to)}. */
        void values(byte[] doc, int from, int to, String[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = null;
            }
            if (!walk(doc, from, to)) {
                return;
            }
            for (int i = 0; i < paths.length; i++) {
                int at = found[firstOf[i]];
                if (at >= 0) {
                    try {
                        out[i] = new Cursor(doc, at, to).value(paths[i], 1);
                    } catch (RuntimeException e) {
                        out[i] = null; // broken below the top level: NULL for this path, as eval gives
                    }
                }
            }
        }

        /** Finds the first names' values; false if the document's top-level object is malformed. */
        private boolean walk(byte[] doc, int from, int to) {
            for (int k = 0; k < found.length; k++) {
                found[k] = -1;
            }
            this.doc = doc;
            try {
                new Cursor(doc, from, to).members(this); // not an object: no member, every path NULL
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public void member(int start, int end, String key, int value) {
            int match = -1;
            if (key != null) {
                match = indexOfFirst(key);
            } else {
                for (int k = 0; k < firsts.length; k++) {
                    if (firsts[k].length() == end - start && Cursor.matches(doc, start, firsts[k])) {
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

    /** A reader over one document. */
    /** Receives the members of a document's top-level object, in order ({@link Cursor#members}). */
    private interface MemberSink {
        /**
         * A member whose key is bytes {@code [start, end)} (between its quotes) and whose value starts at
         * {@code value}; {@code key} is the decoded key if it holds escapes, else null (compare the bytes).
         */
        void member(int start, int end, String key, int value);
    }

    /**
     * A reader over one document's UTF-8 bytes {@code s[..end)}. JSON's structure is ASCII and a multi-byte UTF-8
     * sequence never holds an ASCII byte, so walking bytes finds what walking characters finds; only strings are
     * decoded, and only those asked for. Paths are ASCII names ({@link #compile}), compared byte for byte.
     */
    private static final class Cursor {
        final byte[] s;
        final int end;
        int pos;

        Cursor(byte[] s, int from, int end) {
            this.s = s;
            this.pos = from;
            this.end = end;
        }

        /** The byte at {@code i}; past the document's end a malformed document fails, as a String walk would. */
        byte at(int i) {
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

        /** The value at path {@code names[from..]} from the value at pos (its first character). */
        String value(String[] names, int from) {
            for (int i = from; i < names.length; i++) {
                if (at(pos) != '{') {
                    return null;
                }
                int found = findLastMember(names[i]);
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
            switch (c) {
                case '"':
                    return string();
                case 't':
                    return "true";
                case 'f':
                    return "false";
                case 'n':
                case '{':
                case '[':
                    return null;
                default:
                    int start = pos;
                    skipValue();
                    return number(new String(s, start, pos - start, StandardCharsets.ISO_8859_1));
            }
        }

        /** As Jackson reads a number into a Map (int, long, BigInteger, double) and toString prints it. */
        static String number(String text) {
            if (printsAsItself(text)) {
                return text;
            }
            if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
                return new BigInteger(text).toString();
            }
            return Double.toString(Double.parseDouble(text));
        }

        /**
         * Whether {@link #number} gives {@code text} back unchanged, decided without parsing: an integer without
         * leading zeros (BigInteger prints it as written), or a decimal that {@code Double.toString} prints as written
         * — at most 15 significant digits (so the double holds that decimal and no shorter one), at least 0.001 and
         * under 10^7 (toString's plain notation), no exponent, no trailing zero after the first fraction digit.
         * {@code JsonValueFunctionTest} holds it to the parse-and-print answer on random numbers.
         */
        static boolean printsAsItself(String text) {
            int n = text.length();
            int i = text.startsWith("-") ? 1 : 0;
            int intStart = i;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
            }
            int intDigits = i - intStart;
            if (intDigits == 0 || (intDigits > 1 && text.charAt(intStart) == '0')) {
                return false;
            }
            boolean zeroInt = text.charAt(intStart) == '0';
            if (i == n) {
                return !(zeroInt && intStart == 1); // "-0" prints as "0"
            }
            if (text.charAt(i) != '.' || intDigits > 7) {
                return false;
            }
            int fracStart = ++i;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
            }
            int fracDigits = i - fracStart;
            if (i != n || fracDigits == 0 || (fracDigits > 1 && text.charAt(n - 1) == '0')) {
                return false;
            }
            if (!zeroInt) {
                return intDigits + fracDigits <= 15;
            }
            int firstNonZero = fracStart;
            while (firstNonZero < n && text.charAt(firstNonZero) == '0') {
                firstNonZero++;
            }
            if (firstNonZero == n) {
                return fracDigits == 1; // "0.0", "-0.0"
            }
            return firstNonZero - fracStart < 3 && n - firstNonZero <= 15; // >= 0.001
        }

        void skipValue() {
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
                while (pos < end && !endsScalar(at(pos))) {
                    pos++;
                }
            }
        }

        private static boolean endsScalar(byte c) {
            return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        /** Skips the key at pos (its opening quote); returns whether it holds an escape. */
        boolean skipKey() {
            pos++;
            boolean escapes = false;
            while (true) {
                byte c = at(pos++);
                if (c == '\\') {
                    escapes = true;
                    pos++;
                } else if (c == '"') {
                    return escapes;
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

        private void skipString() {
            pos++;
            while (true) {
                byte c = at(pos++);
                if (c == '\\') {
                    pos++;
                } else if (c == '"') {
                    return;
                }
            }
        }

        /** Reads a string at pos (its opening quote) and returns it unescaped. */
        String string() {
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

        void skipWs() {
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
}
