package dev.hindsight.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The {@code error} of a server's JSON error body ({@code {"error":"…","code":"…"}}, http.md), read with the Jackson
 * the driver holds for Avatica. The words go into a message a terminal may print, so control characters become spaces
 * (an answer could colour a terminal or forge lines), and at most {@link #MAX_CHARS} characters are kept, so that no
 * answer can make a message of any size.
 */
final class ServerError {

    static final int MAX_CHARS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerError() {
    }

    /** The {@code error} string of {@code body}, or {@code null} if it has none (or an empty one) or is no JSON. */
    static String wordsOf(byte[] body) {
        JsonNode error;
        try {
            error = JSON.readTree(body).path("error");
        } catch (IOException | RuntimeException e) {
            return null; // not JSON (a proxy's page), or not an object
        }
        if (!error.isTextual()) {
            return null;
        }
        String text = error.textValue();
        int end = Math.min(text.length(), MAX_CHARS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // cut between the halves of a pair
        }
        StringBuilder words = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            words.append(Character.isISOControl(c) ? ' ' : c);
        }
        String out = words.toString().strip();
        return out.isEmpty() ? null : out;
    }
}
