package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;

/**
 * An ARRAY value of a {@code POST /v1/sql} answer as a JSON array, its elements written as the same values are in a
 * column of their own: {@code ARRAY_AGG(version)} is {@code [1,2,3]}, {@code ARRAY['a, b', NULL]} is
 * {@code ["a, b",null]}. It was the array's Java text, {@code "[1, 2, 3]"}, in which {@code ARRAY['a, b']} and
 * {@code ARRAY['a', 'b']} read the same, a NULL as the text {@code null}, and binary elements lost their bytes.
 * Arrays of dates and times, and arrays of arrays, are still their text: Avatica under them cannot hand their
 * elements out (its conversion fails on them).
 */
final class ArrayValues {

    private ArrayValues() {
    }

    /**
     * Writes {@code array}'s elements as a JSON array.
     *
     * @return {@code false}, having written nothing, if its elements cannot be read one by one (the caller writes its
     *         text)
     */
    static boolean write(JsonGenerator g, Array array) throws IOException, SQLException {
        int base = array.getBaseType();
        if (base == Types.DATE || base == Types.TIME || base == Types.TIMESTAMP
            || base == Types.TIMESTAMP_WITH_TIMEZONE) {
            return false;
        }
        Object elements;
        try {
            elements = array.getArray();
        } catch (RuntimeException e) {
            return false; // Avatica's conversion of an element it has no code for (a ClassCastException)
        }
        if (elements == null || !elements.getClass().isArray()) {
            return false;
        }
        elements(g, elements);
        return true;
    }

    private static void elements(JsonGenerator g, Object elements) throws IOException, SQLException {
        g.writeStartArray();
        int n = java.lang.reflect.Array.getLength(elements);
        for (int i = 0; i < n; i++) {
            element(g, java.lang.reflect.Array.get(elements, i));
        }
        g.writeEndArray();
    }

    private static void element(JsonGenerator g, Object v) throws IOException, SQLException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Array nested) {
            if (!write(g, nested)) {
                g.writeString(nested.toString());
            }
        } else if (v instanceof byte[] bytes) {
            g.writeString(HexFormat.of().formatHex(bytes)); // as a BINARY column's value
        } else if (v.getClass().isArray()) {
            elements(g, v);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                g.writeString(v.toString()); // as a DOUBLE column's Infinity and NaN
            } else if (v instanceof Float f) {
                g.writeNumber(f); // its own shortest digits, not a double's
            } else {
                g.writeNumber(d);
            }
        } else {
            g.writeString(v.toString()); // text; Avatica's ByteString writes its bytes in hex
        }
    }
}
