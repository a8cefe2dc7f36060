package dev.hindsight.http.server;

import dev.hindsight.http.json.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a piece of a URL as sent (a path segment, a query parameter's name or value): each {@code %XX} is its byte,
 * the bytes are strict UTF-8, and in a query a {@code +} is a space, as HTML forms and Undertow's own decoding have
 * it. The server turns off Undertow's decoding, which turns bytes that are no UTF-8 into U+FFFD, so that each piece
 * is decoded here exactly once and one that is no UTF-8 is refused with the JSON error shape, naming the bytes. An
 * escape that is not two hex digits never comes here: Undertow's request parser checks every escape, decoding or
 * not, and answers it with a {@code 400} of its own, with no body.
 */
public final class PercentEscapes {

    private PercentEscapes() {
    }

    /** Why a piece of a URL cannot be decoded; the message says what is wrong, for a {@code 400}. */
    static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        Malformed(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * {@code path} with the escapes of unreserved characters (letters, digits, {@code -._~}) made those characters,
     * others kept: RFC 3986 §6.2.2.2 makes {@code /v1/%65vents} and {@code /v1/events} one path, which a route
     * matched on the path as sent would otherwise tell apart. {@code %2F}, {@code %3F}, {@code %25} and the like stay
     * escaped, so the segments stay as sent. {@code path} itself when it has no such escape.
     */
    public static String unreservedDecoded(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int hi = Character.digit(path.charAt(i + 1), 16);
                int lo = Character.digit(path.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0 && unreserved((char) (hi << 4 | lo))) {
                    sb.append((char) (hi << 4 | lo));
                    i += 2;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
            || c == '_' || c == '~';
    }

    /**
     * {@code text} decoded.
     *
     * @param plusIsSpace whether {@code +} is a space (a query) or itself (a path)
     * @throws Malformed an escape that is not two hex digits, a character that should have been escaped, bytes that
     *                   are not UTF-8 (as {@link Utf8#problemAt} names them)
     */
    static String decode(String text, boolean plusIsSpace) throws Malformed {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                throw new Malformed("has a character that is not percent-encoded at index " + i);
            }
            if (c == '+' && plusIsSpace) {
                bytes.write(' ');
                continue;
            }
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
            if (lo < 0) {
                throw new Malformed("has a % at index " + i + " that is not followed by two hex digits");
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        byte[] b = bytes.toByteArray();
        int bad = Utf8.invalidAt(b, 0, b.length);
        if (bad >= 0) {
            throw new Malformed("is not UTF-8 once decoded: " + Utf8.problemAt(b, bad, b.length));
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
