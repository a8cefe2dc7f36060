package dev.hindsight.sql.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.JsonFunctions;
import org.apache.calcite.sql.SqlJsonExistsErrorBehavior;
import org.apache.calcite.sql.SqlJsonQueryEmptyOrErrorBehavior;
import org.apache.calcite.sql.SqlJsonQueryWrapperBehavior;
import org.apache.calcite.sql.SqlJsonValueEmptyOrErrorBehavior;

/**
 * {@code JSON_VALUE}, {@code JSON_QUERY}, {@code JSON_EXISTS} and {@code FORMAT JSON} as Calcite's own code answers
 * them (its JSONPath engine, modes and {@code ON} clauses), over the document read with its numbers as decimals:
 * Calcite reads a fraction into a double, so {@code 12345678901.25} came out as {@code 1.234567890125E10} and
 * {@code 0.1234567890123456789} rounded. A number prints as {@link JsonNumbers} has it, PostgreSQL's way.
 * {@link ExactJsonOperators} puts these in place of Calcite's functions; the fast walk ({@link JsonValueFunction})
 * prints numbers the same, and {@code JsonValueFunctionTest} holds the two to the same answers.
 *
 * <p>The reader takes what the log takes: numbers and names of any length (Jackson's defaults stop at 1,000 digits
 * and 50,000 characters, where the log's checks have no limit), and nothing after the document (Calcite's reader
 * ignored it: {@code '{"a":1} x'} was JSON). Text that is no JSON is an error, which a call's {@code ON ERROR}
 * answers in either path mode, as PostgreSQL fails on it (Calcite's lax mode took it for empty).
 * Public for Calcite's generated code.
 */
public final class ExactJson {

    private static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).build())
            .build())
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build().readerFor(Object.class);

    /** Calcite's functions; those used here keep no state (the instance's document cache is the String overloads'). */
    private static final JsonFunctions.StatefulFunction CALCITE = new JsonFunctions.StatefulFunction();

    /** A path that gathers any number of values into a list: a filter, a wildcard, a deep scan, several indexes. */
    private static final Pattern INDEFINITE = Pattern.compile("\\?\\(|\\*|\\.\\.|\\[[^\\]]*[,:][^\\]]*\\]");

    private ExactJson() {
    }

    /**
     * {@code JSON_VALUE(doc, path …)} as text; the defaults are the {@code ON EMPTY} and {@code ON ERROR} clauses'
     * values (null where there is none). NULL for a NULL document or path.
     */
    public static String value(String doc, String path, SqlJsonValueEmptyOrErrorBehavior onEmpty, Object emptyDefault,
                               SqlJsonValueEmptyOrErrorBehavior onError, Object errorDefault) {
        if (doc == null || path == null) {
            return null;
        }
        JsonFunctions.JsonValueContext read = formatJson(doc);
        Object found;
        if (read.exc == null && read.obj == null) { // the document is a JSON null: see nullDocument
            found = isWholeDocument(path) ? null : CALCITE.jsonValue(nullDocument(path), nullDocumentPath(path),
                onEmpty, emptyDefault, onError, errorDefault);
        } else if (read.exc == null) {
            found = findsNullStrictly(read, path) ? null
                : CALCITE.jsonValue(read, path, onEmpty, emptyDefault, onError, errorDefault);
        } else if (onError == SqlJsonValueEmptyOrErrorBehavior.ERROR) {
            throw (InvalidJsonText) read.exc;
        } else {
            found = onError == SqlJsonValueEmptyOrErrorBehavior.DEFAULT ? errorDefault : null;
        }
        return found instanceof BigDecimal d ? JsonNumbers.plain(d) : found == null ? null : found.toString();
    }

    /** {@code JSON_QUERY(doc, path …)} as JSON text. NULL for a NULL document or path. */
    public static String query(String doc, String path, SqlJsonQueryWrapperBehavior wrapper,
                               SqlJsonQueryEmptyOrErrorBehavior onEmpty, SqlJsonQueryEmptyOrErrorBehavior onError) {
        if (doc == null || path == null) {
            return null;
        }
        JsonFunctions.JsonValueContext read = formatJson(doc);
        if (read.exc != null) {
            return switch (onError) {
                case ERROR -> throw (InvalidJsonText) read.exc;
                case EMPTY_ARRAY -> "[]";
                case EMPTY_OBJECT -> "{}";
                default -> null;
            };
        }
        // Calcite writes the answer with its own Jackson, which writes a decimal with its toString: PlainDecimal's
        if (read.obj == null ? isWholeDocument(path) : findsNullStrictly(read, path)) {
            return null;
        }
        Object json = read.obj == null
            ? CALCITE.jsonQuery(nullDocument(path), nullDocumentPath(path), wrapper, onEmpty, onError, true)
            : CALCITE.jsonQuery(read, path, wrapper, onEmpty, onError, true);
        return json == null ? null : json.toString();
    }

    /** {@code JSON_EXISTS(doc, path [… ON ERROR])}. NULL for a NULL document or path. */
    public static Boolean exists(String doc, String path, SqlJsonExistsErrorBehavior onError) {
        if (doc == null || path == null) {
            return null;
        }
        JsonFunctions.JsonValueContext read = formatJson(doc);
        if (read.exc != null) {
            return switch (onError) {
                case ERROR -> throw (InvalidJsonText) read.exc;
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> null;
            };
        }
        if (read.obj == null && (isWholeDocument(path) || !isStrict(path))) {
            return isWholeDocument(path); // the document is a JSON null: there, but holds no member
        }
        JsonFunctions.JsonPathContext found = JsonFunctions.jsonApiCommonSyntax(read.obj == null ? SCALAR : read,
            path);
        if (foundNullStrictly(found)) {
            // the member is there, holding null: Calcite's strict mode failed on it (its lax mode finds nothing, and
            // JsonPathModes' rewrite of a JSON_VALUE with ON clauses asks this lax question: left so, see sql.md)
            return Boolean.TRUE;
        }
        if (!found.hasException() && found.obj instanceof List<?> list && list.isEmpty()
            && INDEFINITE.matcher(path).find()) {
            return Boolean.FALSE; // a filter, wildcard or scan that found nothing: Calcite took its [] for a value
        }
        return CALCITE.jsonExists(found, onError);
    }

    /** A document and a path that find nothing: Calcite answers them with the {@code ON EMPTY} clause. */
    private static final JsonFunctions.JsonValueContext NOTHING = JsonFunctions.JsonValueContext.withJavaObj(Map.of());
    private static final String NOTHING_PATH = "lax $.nothing";
    /** A scalar document: a strict accessor of it fails, as of a JSON null document. */
    private static final JsonFunctions.JsonValueContext SCALAR = JsonFunctions.JsonValueContext.withJavaObj(0);

    /** A path's mode word, if any (none is lax), and the path after it. */
    private static final Pattern MODE = Pattern.compile("^\\s*(?:(strict|lax)\\s+)?(.*?)\\s*$",
        Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /**
     * What a path other than {@code $} reads instead of a document that is JSON {@code null} ({@code $} itself finds
     * that null: SQL NULL; Calcite's own reading of such a document failed, {@code JSON_VALUE('null', '$' ERROR ON
     * ERROR)} was {@code XX000}, "json object must not be null"): for a lax path nothing, so its {@code ON EMPTY}
     * answers; for a strict accessor ({@code strict $.a}) a scalar, which it fails on as PostgreSQL's does ("member
     * accessor can only be applied to an object"), so its {@code ON ERROR} answers.
     */
    private static JsonFunctions.JsonValueContext nullDocument(String path) {
        return isStrict(path) && !isWholeDocument(path) ? SCALAR : NOTHING;
    }

    private static String nullDocumentPath(String path) {
        return isStrict(path) && !isWholeDocument(path) ? path : NOTHING_PATH;
    }

    /**
     * Whether {@code path} names the strict mode: asked on every call of the functions, so a scan rather than
     * {@link #MODE}'s match; blanks as {@code \s} reads them.
     */
    private static boolean isStrict(String path) {
        int i = 0;
        while (i < path.length() && isBlank(path.charAt(i))) {
            i++;
        }
        return path.regionMatches(true, i, "strict", 0, 6) && i + 6 < path.length() && isBlank(path.charAt(i + 6));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isWholeDocument(String path) {
        Matcher m = MODE.matcher(path);
        return m.matches() && m.group(2).equals("$");
    }

    /**
     * Whether {@code path} is strict and finds a JSON null, which is SQL NULL, as the standard and PostgreSQL read it
     * (whatever the {@code ON EMPTY}: an item was found): Calcite's strict mode takes a null found for a failure
     * ("requires a non empty returned value"), so {@code JSON_VALUE('{"n":null}', 'strict $.n' ERROR ON ERROR)} was
     * {@code XX000}, and with {@code DEFAULT … ON ERROR} the error's default. Strict paths only are read twice.
     */
    private static boolean findsNullStrictly(JsonFunctions.JsonValueContext read, String path) {
        return isStrict(path) && foundNullStrictly(JsonFunctions.jsonApiCommonSyntax(read, path));
    }

    private static boolean foundNullStrictly(JsonFunctions.JsonPathContext found) {
        return found.exc != null && String.valueOf(found.exc.getMessage()).contains(
            "requires a non empty returned value, but is null");
    }

    /** What {@link #documentOf} answers for text that is no JSON document. */
    public static final Object NOT_JSON = new Object();

    /**
     * The document {@code doc} holds, read as every function here reads it (a {@code Map}, a {@code List}, a scalar,
     * {@code null} for JSON null), or {@link #NOT_JSON} if it is none or has more after it ({@code '{} x'}).
     */
    public static Object documentOf(String doc) {
        try {
            return READER.readValue(doc);
        } catch (Exception e) {
            return NOT_JSON;
        }
    }

    /**
     * {@code doc FORMAT JSON}: the document read as Calcite reads it, its decimals {@link PlainDecimal}s (which
     * Calcite's JSON constructors write as such); text that is no JSON kept as an {@link InvalidJsonText}
     * (22032 under {@code ERROR ON ERROR}). NULL for NULL.
     */
    public static JsonFunctions.JsonValueContext formatJson(String doc) {
        if (doc == null) {
            return null;
        }
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
