package dev.hindsight.sql;

import java.math.BigInteger;
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

    /** Called by generated code, per row. */
    public static String eval(String json, String path) {
        if (json == null) {
            return null;
        }
        String[] names = PATHS.computeIfAbsent(path, JsonValueFunction::compile);
        try {
            return new Cursor(json).value(names);
        } catch (RuntimeException e) {
            return null; // not JSON: NULL ON ERROR, as Calcite's default
        }
    }

    /** A reader over one document. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        String value(String[] names) {
            skipWs();
            int valueStart = pos;
            for (String name : names) {
                if (s.charAt(pos) != '{') {
                    return null;
                }
                int found = findLastMember(name);
                if (found < 0) {
                    return null;
                }
                pos = found;
                valueStart = pos;
            }
            pos = valueStart;
            return scalar();
        }

        /** In the object at pos, the start of the value of the last member called {@code name}, or -1. */
        private int findLastMember(String name) {
            pos++; // '{'
            skipWs();
            int found = -1;
            if (s.charAt(pos) == '}') {
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
                char c = s.charAt(pos++);
                if (c == '}') {
                    return found;
                }
                skipWs(); // after ','
            }
        }

        private String scalar() {
            char c = s.charAt(pos);
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
                    return number(s.substring(start, pos));
            }
        }

        /** As Jackson reads a number into a Map (int, long, BigInteger, double) and toString prints it. */
        private static String number(String text) {
            if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
                return new BigInteger(text).toString();
            }
            return Double.toString(Double.parseDouble(text));
        }

        private void skipValue() {
            char c = s.charAt(pos);
            if (c == '"') {
                skipString();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    char d = s.charAt(pos);
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
                while (pos < s.length() && !endsScalar(s.charAt(pos))) {
                    pos++;
                }
            }
        }

        private static boolean endsScalar(char c) {
            return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        /** Whether the key at pos (its opening quote) is {@code name}; leaves pos after the key. */
        private boolean keyEquals(String name) {
            int start = pos + 1;
            int end = start;
            boolean escaped = false;
            while (true) {
                char c = s.charAt(end);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    escaped = true;
                    end += 2;
                } else {
                    end++;
                }
            }
            if (!escaped) {
                // the common case: compared in place, nothing allocated
                pos = end + 1;
                return end - start == name.length() && s.regionMatches(start, name, 0, name.length());
            }
            return string().equals(name);
        }

        private void skipString() {
            pos++;
            while (true) {
                char c = s.charAt(pos++);
                if (c == '\\') {
                    pos++;
                } else if (c == '"') {
                    return;
                }
            }
        }

        /** Reads a string at pos (its opening quote) and returns it unescaped. */
        private String string() {
            int start = ++pos;
            int end = start;
            while (true) {
                char c = s.charAt(end);
                if (c == '"') {
                    pos = end + 1;
                    return s.substring(start, end);
                }
                if (c == '\\') {
                    break;
                }
                end++;
            }
            StringBuilder sb = new StringBuilder(s.substring(start, end));
            pos = end;
            while (true) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e); // " \ /
                }
            }
        }

        private void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    pos++;
                } else {
                    return;
                }
            }
        }
    }
}
