package dev.hindsight.log;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A JSON key given twice in one object, as Jackson refuses it: a tree built with
 * {@code DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY} (request bodies) or a parser with
 * {@code JsonParser.Feature.STRICT_DUPLICATE_DETECTION} (import lines, the CLI's {@code --data}), named by its path
 * from the outermost value: {@code data.a}, {@code [1].data.a}. RFC 8259 leaves an object with a repeated key to the
 * reader; every JSON Hindsight takes refuses one, wherever it comes in. Stateless and thread-safe.
 */
public final class DuplicateKeys {

    /** The message both of Jackson's checks give; the path is read from the parser's context. */
    private static final String DUPLICATE = "Duplicate field '";

    private DuplicateKeys() {
    }

    /**
     * If {@code e}, thrown by {@code parser} (left where it stopped), is Jackson's refusal of a repeated key, what the
     * client is told, the same wherever the JSON came from: {@code field data.a is given twice<where>: each key may
     * appear once in an object}, {@code where} saying where (" at line 1, column 17") or empty; else {@code null}.
     */
    public static String refusal(JsonProcessingException e, JsonParser parser, String where) {
        return refusal(e, parser, "", where);
    }

    /**
     * As {@link #refusal(JsonProcessingException, JsonParser, String)}, for JSON that is the value of {@code field}
     * (the log's {@code data} or {@code metadata}): its path starts there, {@code data.a}.
     */
    public static String refusal(JsonProcessingException e, JsonParser parser, String field, String where) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith(DUPLICATE)) {
            return null;
        }
        String path = path(holder(parser));
        String named = field.isEmpty() ? path : path.isEmpty() ? field : path.startsWith("[") ? field + path
            : field + "." + path;
        return "field " + named + " is given twice" + where + ": each key may appear once in an object";
    }

    /**
     * The context of the object that holds the duplicated key, whose current name is that key. The parser's own check
     * stops at the key, in the holder's context; a tree refuses a duplicate once it has the repeated key's value: a
     * scalar value leaves the parser in the holder's context, but an object or array value is refused at its first
     * token, where the parser has entered that value's own context, one level deeper. Found by that token, not by
     * matching the key Jackson's message quotes: a key may hold a quote itself ({@code it's}), and an enclosing object
     * may be at a key of the same name.
     */
    private static JsonStreamContext holder(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        return token != null && token.isStructStart() && context.getParent() != null ? context.getParent() : context;
    }

    private static String path(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            steps.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        String path = String.join("", steps);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
