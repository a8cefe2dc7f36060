package dev.hindsight.sql.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The members of one document's top-level object: where each key and value starts. A statement usually asks several
 * paths of the same row's document in a row ({@code JSON_VALUE(data,'$.customerId')},
 * {@code JSON_VALUE(data,'$.total')}); indexed once, the document is then walked once for all of them instead of once
 * per path. A document that is not an object has no members; one that is malformed anywhere in its top-level object
 * throws while indexed, as the walk of a single path would.
 *
 * <p>Holds the last document and nothing of the paths asked of it. Not thread-safe: one per thread
 * ({@link JsonValueFunction} keeps it in a thread-local).
 */
final class MemberIndex implements MemberSink {

    private static final int INITIAL_MEMBERS = 16;

    /** The document indexed, compared by identity: the same String object is the same row's value. */
    private String doc;
    /** {@link #doc}'s UTF-8. */
    private byte[] bytes;
    /** How many members; -1 if the document is not an object. */
    private int count;
    private int[] keyStart = new int[INITIAL_MEMBERS];
    private int[] keyEnd = new int[INITIAL_MEMBERS];
    /** The decoded key of a member whose key holds escapes, else null (then compared in place). */
    private String[] decoded = new String[INITIAL_MEMBERS];
    private int[] valueStart = new int[INITIAL_MEMBERS];

    /** JSON_VALUE of {@code json} (not null) at {@code path}: NULL for a document that is not JSON. */
    String value(String json, JsonPath path) {
        try {
            if (!json.equals(doc)) { // the same row's text is the same object: equals is then one comparison
                index(json);
            }
            int at = valueOf(path.name(0));
            if (at < 0) {
                return null;
            }
            return new JsonCursor(bytes, at, bytes.length).value(path, 1);
        } catch (RuntimeException e) {
            doc = null;
            return null; // not JSON: NULL ON ERROR, as Calcite's default
        }
    }

    private void index(String json) {
        doc = null; // until indexed whole
        bytes = json.getBytes(StandardCharsets.UTF_8);
        count = 0;
        if (!new JsonCursor(bytes, 0, bytes.length).members(this)) {
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
            } else if (keyEnd[i] - keyStart[i] == name.length() && JsonCursor.matches(bytes, keyStart[i], name)) {
                return valueStart[i];
            }
        }
        return -1;
    }
}
