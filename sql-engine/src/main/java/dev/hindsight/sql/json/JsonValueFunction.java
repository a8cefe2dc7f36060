package dev.hindsight.sql.json;

import org.apache.calcite.linq4j.function.Deterministic;

/**
 * The fast {@code JSON_VALUE(doc, '[lax] $.a.b')}: walks the document's text once for the path, without building a
 * tree or running a JSONPath engine, and gives exactly what the general {@code JSON_VALUE} ({@link ExactJson}) gives
 * for the paths it takes ({@link JsonPath}; no {@code RETURNING}): a string's unescaped value, a number as
 * {@link JsonNumbers} prints it, {@code true}/{@code false}, and NULL for JSON null, a missing member, an object or an
 * array. Where an object repeats a key, the last one wins, as in Jackson's map. {@link JsonValueRule} puts it in
 * place of the general one; {@code JsonValueFunctionTest} holds the two to the same answers.
 *
 * <p>One instance per call site, holding its compiled path. For a literal path (the only kind the rule rewrites) the
 * generated code reads {@code JsonValueFunction.of("$.a.b").eval(doc)}; {@code of} is {@link Deterministic}, so
 * Calcite's code generator hoists it into a {@code static final} field of the plan's class: compiled once when the
 * plan is built, held by that plan and gone with it, and nothing allocated per row. A path known only when the row is
 * ({@link #eval(String, String)}) is compiled at each call, and kept nowhere. Instances are immutable and may be
 * shared between threads. Public for Calcite's generated code.
 */
public final class JsonValueFunction {

    /**
     * The top-level members of the document this thread read last, so that several paths of one row's document are
     * answered from one walk; per thread because generated code may run on several (a scan's read-ahead workers).
     */
    private static final ThreadLocal<MemberIndex> LAST = ThreadLocal.withInitial(MemberIndex::new);

    private final JsonPath path;

    private JsonValueFunction(JsonPath path) {
        this.path = path;
    }

    /**
     * The function at one call site with path {@code path}; called by generated code once per plan (see above).
     *
     * @throws IllegalArgumentException if the path is not one the fast function takes (the rule checks it first)
     */
    @Deterministic
    public static JsonValueFunction of(String path) {
        return new JsonValueFunction(compiled(path));
    }

    /** Called by generated code, per row: JSON_VALUE of {@code json} at this call site's path. */
    public String eval(String json) {
        return json == null ? null : LAST.get().value(json, path);
    }

    /**
     * Called by generated code, per row, where the path is not a literal: compiled for this call alone, so that no
     * client's path texts collect anywhere.
     *
     * @throws IllegalArgumentException if {@code path} is not one the fast function takes
     */
    public static String eval(String json, String path) {
        return json == null || path == null ? null : LAST.get().value(json, compiled(path));
    }

    /** The path this call site asks. */
    JsonPath path() {
        return path;
    }

    private static JsonPath compiled(String path) {
        JsonPath compiled = JsonPath.compile(path);
        if (compiled == null) {
            throw new IllegalArgumentException("not a path the fast JSON_VALUE takes ([lax] $.name{.name}): path='"
                + path + "'");
        }
        return compiled;
    }
}
