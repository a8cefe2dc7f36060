package dev.hindsight.sql.json;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A compiled {@code JSON_VALUE} path of the one form the fast function takes: lax mode and member steps only.
 *
 * <pre>
 *   [lax] $.name{.name}      name = [A-Za-z_][A-Za-z0-9_]*      e.g. '$.customer.id', 'lax $.total'
 * </pre>
 *
 * <p>Anything else ({@code strict}, {@code $.a[0]}, {@code $.*}, a quoted name, a function) is not compiled and stays
 * with Calcite's JSONPath engine. Immutable, so one compiled path may be read by any number of threads; it is owned by
 * whoever compiled it (a call site of a plan, a scan), never by a shared cache: client text cannot pile up here.
 */
public final class JsonPath {

    private final String text;
    /** The member names, outermost first; at least one, each ASCII (compared byte for byte with UTF-8 keys). */
    private final String[] names;

    private JsonPath(String text, String[] names) {
        this.text = text;
        this.names = names;
    }

    /** {@code text} compiled, or {@code null} if it is not a path of the form above. */
    public static @Nullable JsonPath compile(String text) {
        String p = text.trim();
        if (p.startsWith("lax ")) {
            p = p.substring(4).trim();
        }
        if (!p.startsWith("$")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            if (p.charAt(i) != '.') {
                return null;
            }
            int start = ++i;
            while (i < p.length() && isNameChar(p.charAt(i), i == start)) {
                i++;
            }
            if (i == start) {
                return null; // '$.', '$..a', '$.1a'
            }
            names.add(p.substring(start, i));
        }
        return names.isEmpty() ? null : new JsonPath(text, names.toArray(String[]::new));
    }

    private static boolean isNameChar(char c, boolean first) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (!first && c >= '0' && c <= '9');
    }

    /** How many member steps the path has (at least one). */
    int length() {
        return names.length;
    }

    /** The name of step {@code i}, 0 the outermost. */
    String name(int i) {
        return names[i];
    }

    /** The text the path was compiled from, as written. */
    @Override
    public String toString() {
        return text;
    }
}
