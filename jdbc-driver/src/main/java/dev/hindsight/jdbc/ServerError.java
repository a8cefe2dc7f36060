package dev.hindsight.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code error} of a server's JSON error body ({@code {"error":"…","code":"…"}}, http.md), read without a JSON
 * library: the thin driver's jar holds none of its own. The words go into a message a terminal may print, so control
 * characters become spaces (an answer could colour a terminal or forge lines), and at most {@link #MAX_CHARS}
 * characters are kept, so that no answer can make a message of any size.
 */
final class ServerError {

    static final int MAX_CHARS = 1_000;
    private static final Pattern FIELD = Pattern.compile("\"error\"\\s*:\\s*\"");

    private ServerError() {
    }

    /** The {@code error} string of {@code body}, unescaped, or {@code null} if it has none (or an empty one). */
    static String wordsOf(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher field = FIELD.matcher(text);
        if (!field.find()) {
            return null;
        }
        StringBuilder words = new StringBuilder();
        boolean closed = false;
        for (int i = field.end(); i < text.length() && words.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                closed = true;
                break;
            }
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    return null;
                }
                char escaped = text.charAt(++i);
                if (escaped == 'u') {
                    if (i + 4 >= text.length() || !isHex(text, i + 1, i + 5)) {
                        return null;
                    }
                    c = (char) Integer.parseInt(text, i + 1, i + 5, 16);
                    i += 4;
                } else {
                    c = escaped == 'n' || escaped == 't' || escaped == 'r' || escaped == 'b' || escaped == 'f' ? ' '
                        : escaped; // \" \\ \/ as themselves; the others are control characters
                }
            }
            words.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (!closed && words.length() < MAX_CHARS) {
            return null; // the string never ends: no JSON
        }
        if (words.length() > 0 && Character.isHighSurrogate(words.charAt(words.length() - 1))) {
            words.setLength(words.length() - 1); // cut between the halves of a pair
        }
        String out = words.toString().strip();
        return out.isEmpty() ? null : out;
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
