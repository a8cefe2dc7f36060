package dev.hindsight.log;

/** Which door an event came in by; stored with every event as its {@code source} column. */
public enum Source {
    SQL, HTTP, API, IMPORT;

    private static final Source[] VALUES = values();

    /** Computed once: a scan asks for it on every event it hands out. */
    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name used in SQL and JSON: {@code sql}, {@code http}, {@code api}, {@code import}. */
    public String wireName() {
        return wireName;
    }

    static Source fromCode(int code) {
        if (code < 0 || code >= VALUES.length) {
            throw new IllegalArgumentException("unknown source code " + code);
        }
        return VALUES[code];
    }

    /** Parses a {@link #wireName()}. */
    public static Source fromWireName(String name) {
        for (Source s : VALUES) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown source '" + name + "', expected sql, http, api or import");
    }
}
