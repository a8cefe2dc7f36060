package dev.hindsight.sql.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import org.apache.calcite.runtime.JsonFunctions;
import org.apache.calcite.sql.SqlJsonQueryEmptyOrErrorBehavior;
import org.apache.calcite.sql.SqlJsonQueryWrapperBehavior;
import org.apache.calcite.sql.SqlJsonValueEmptyOrErrorBehavior;

/**
 * {@code JSON_VALUE} and {@code JSON_QUERY} as Calcite's own code answers them (its JSONPath engine, modes and
 * {@code ON} clauses), over the document read with its numbers as decimals: Calcite reads a fraction into a double,
 * so {@code 12345678901.25} came out as {@code 1.234567890125E10} and {@code 0.1234567890123456789} rounded. A number
 * prints as {@link JsonNumbers} has it, PostgreSQL's way. {@link ExactJsonOperators} puts these in place of Calcite's
 * functions; the fast walk ({@link JsonValueFunction}) prints numbers the same, and {@code JsonValueFunctionTest} holds
 * the two to the same answers. Public for Calcite's generated code.
 */
public final class ExactJson {

    /** Jackson's defaults, as Calcite's reader has them, but for the decimals. */
    private static final ObjectReader READER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build().readerFor(Object.class);

    /** Calcite's functions; those used here keep no state (the instance's document cache is the String overloads'). */
    private static final JsonFunctions.StatefulFunction CALCITE = new JsonFunctions.StatefulFunction();

    private ExactJson() {
    }

    /**
     * {@code JSON_VALUE(doc, path …)} as text; the defaults are the {@code ON EMPTY} and {@code ON ERROR} clauses'
     * values (null where there is none). NULL for a NULL document.
     */
    public static String value(String doc, String path, SqlJsonValueEmptyOrErrorBehavior onEmpty, Object emptyDefault,
                               SqlJsonValueEmptyOrErrorBehavior onError, Object errorDefault) {
        if (doc == null) {
            return null;
        }
        JsonFunctions.JsonValueContext read = document(doc);
        if (read.exc != null && onError == SqlJsonValueEmptyOrErrorBehavior.ERROR) {
            throw (InvalidJsonText) read.exc; // in a lax path too, as PostgreSQL's: Calcite's took it for empty
        }
        Object found = CALCITE.jsonValue(read, path, onEmpty, emptyDefault, onError, errorDefault);
        return found instanceof BigDecimal d ? JsonNumbers.plain(d) : found == null ? null : found.toString();
    }

    /** {@code JSON_QUERY(doc, path …)} as JSON text. NULL for a NULL document. */
    public static String query(String doc, String path, SqlJsonQueryWrapperBehavior wrapper,
                               SqlJsonQueryEmptyOrErrorBehavior onEmpty, SqlJsonQueryEmptyOrErrorBehavior onError) {
        if (doc == null) {
            return null;
        }
        // Calcite writes the answer with its own Jackson, which writes a decimal with its toString: PlainDecimal's
        JsonFunctions.JsonValueContext read = document(doc);
        if (read.exc != null && onError == SqlJsonQueryEmptyOrErrorBehavior.ERROR) {
            throw (InvalidJsonText) read.exc;
        }
        Object json = CALCITE.jsonQuery(read, path, wrapper, onEmpty, onError, true);
        return json == null ? null : json.toString();
    }

    /**
     * The document read as Calcite reads it, its decimals {@link PlainDecimal}s; text that is no JSON kept as the
     * {@link InvalidJsonText} (22032 under {@code ERROR ON ERROR}; Calcite's own reader wraps it likewise).
     */
    private static JsonFunctions.JsonValueContext document(String doc) {
        Object read;
        try {
            read = READER.readValue(doc);
        } catch (Exception e) {
            return JsonFunctions.JsonValueContext.withException(new InvalidJsonText(e));
        }
        return JsonFunctions.JsonValueContext.withJavaObj(plainDecimals(read));
    }

    /** {@code node} with every decimal in it a {@link PlainDecimal} (maps and lists changed in place). */
    @SuppressWarnings("unchecked")
    private static Object plainDecimals(Object node) {
        if (node instanceof BigDecimal d) {
            return new PlainDecimal(d);
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) map).entrySet()) {
                e.setValue(plainDecimals(e.getValue()));
            }
        } else if (node instanceof List<?> list) {
            for (ListIterator<Object> it = ((List<Object>) list).listIterator(); it.hasNext();) {
                it.set(plainDecimals(it.next()));
            }
        }
        return node;
    }

    /**
     * A decimal whose {@code toString} is its plain numeral ({@link JsonNumbers#plain}): Calcite's code prints what
     * the path found with {@code toString}, and its Jackson writes a decimal with it ({@code JSON_QUERY}).
     */
    static final class PlainDecimal extends BigDecimal {

        private static final long serialVersionUID = 1L;

        PlainDecimal(BigDecimal value) {
            super(value.unscaledValue(), value.scale());
        }

        @Override
        public String toString() {
            return JsonNumbers.outOfPlainRange(scale()) ? super.toString() : toPlainString();
        }
    }
}
