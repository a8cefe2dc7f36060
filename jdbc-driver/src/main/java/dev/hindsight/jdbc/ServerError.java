package dev.hindsight.jdbc;

import java.nio.charset.StandardCharsets;

/**
 * The {@code error} of a server's JSON error body ({@code {"error":"…","code":"…"}}, http.md), read without a JSON
 * library: the thin driver's jar holds none of its own. At most {@link #MAX_CHARS} characters, so that no answer can
 * make a message of any size.
 */
final class ServerError {

    static final int MAX_CHARS = 1_000;
    private static final String FIELD = "\"error\":\"";

    private ServerError() {
    }

    /** The {@code error} string of {@code body}, unescaped, or {@code null} if it has none. */
    static String wordsOf(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf(FIELD);
        if (at < 0) {
            return null;
        }
        StringBuilder words = new StringBuilder();
        for (int i = at + FIELD.length(); i < text.length() && words.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return words.toString();
            }
            if (c != '\\' || i + 1 >= text.length()) {
                words.append(c);
                continue;
            }
            char escaped = text.charAt(++i);
            switch (escaped) {
                case 'n' -> words.append('\n');
                case 't' -> words.append('\t');
                case 'r' -> words.append('\r');
                case 'b' -> words.append('\b');
                case 'f' -> words.append('\f');
                case 'u' -> {
                    if (i + 4 >= text.length()) {
                        return null;
                    }
                    try {
                        words.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    i += 4;
                }
                default -> words.append(escaped); // \" \\ \/
            }
        }
        return words.length() >= MAX_CHARS ? words.toString() : null;
    }
}
