package dev.hindsight.log;

/**
 * Checks in one pass, without allocating, that UTF-8 bytes hold exactly one JSON object (RFC 8259, optional
 * whitespace around it), nesting at most {@link #MAX_DEPTH} deep. It accepts exactly what Jackson's default parser
 * accepts for such input (a property test holds the two together); it exists because Jackson's per-call parser set-up
 * cost more than the rest of an append. When it says no, Jackson is asked again for a precise message.
 *
 * <p>Strings are checked for escapes and raw control characters; multi-byte UTF-8 is taken as is, since the bytes
 * come from Java strings and are well-formed.
 */
final class JsonObjectScanner {

    static final int MAX_DEPTH = 256;

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

    private final byte[] in;
    private int pos;

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
        while (true) {
            if (in[pos] != '"' || !string()) {
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
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(in[pos++], 16) < 0) {
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
        return pos == in.length || (!isIdentifierPart(in[pos]) && !isDigit(in[pos]));
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isIdentifierPart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '.'
            || b == '-' || b == '+' || b < 0;
    }
}
