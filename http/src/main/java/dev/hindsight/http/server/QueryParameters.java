package dev.hindsight.http.server;

import io.undertow.server.HttpHandler;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters a route takes, by name (case-sensitive, as the route reads them). A request that sends any
 * other is refused with {@code 400 bad_request} naming it and the ones the route takes ({@link #guard}): a parameter
 * that was never read (a typo, {@code direction} on a route that has none) would otherwise be answered as if it had
 * not been sent, which a client cannot tell from being obeyed. Immutable.
 */
public final class QueryParameters {

    private static final QueryParameters NONE = new QueryParameters(Set.of(), true);
    private static final QueryParameters UNCHECKED = new QueryParameters(Set.of(), false);

    private final Set<String> names;
    private final boolean checked;

    private QueryParameters(Set<String> names, boolean checked) {
        this.names = names;
        this.checked = checked;
    }

    /** A route that takes no query parameter: any is refused. */
    public static QueryParameters none() {
        return NONE;
    }

    /** A route that takes exactly {@code names}. */
    public static QueryParameters of(String... names) {
        for (String name : names) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a query parameter name must not be empty, was given in "
                    + Arrays.toString(names));
            }
        }
        return names.length == 0 ? NONE
            : new QueryParameters(Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(names))), true);
    }

    /**
     * A route whose requests are not ours to judge: {@code /jdbc}, whose client (Avatica's) sends a protocol of its
     * own in the body and nothing in the query. Nothing is refused.
     */
    public static QueryParameters unchecked() {
        return UNCHECKED;
    }

    /** The names the route takes, sorted; empty for {@link #none()} and {@link #unchecked()}. */
    public Set<String> names() {
        return names;
    }

    /** Whether a request with another query parameter is refused (all but {@link #unchecked()}). */
    public boolean checked() {
        return checked;
    }

    /**
     * {@code next}, behind the decoding of the query ({@link DecodedQueryParameters}) and the refusal of other query
     * parameters on the route {@code template}, where checked.
     */
    public HttpHandler guard(String template, HttpHandler next) {
        return checked ? new DecodedQueryParameters(new UnknownQueryParameters(template, names, next)) : next;
    }

    @Override
    public String toString() {
        return !checked ? "unchecked" : names.isEmpty() ? "no query parameters" : String.join(", ", names);
    }
}
