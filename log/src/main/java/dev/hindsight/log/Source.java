package dev.hindsight.log;

import java.util.Locale;

/** Which door an event came in by; stored with every event as its {@code source} column. */
public enum Source {
    SQL(0), HTTP(1), API(2), IMPORT(3);

    private static final Source[] VALUES = values();

    /** Indexed by {@link #code()}. */
    private static final Source[] BY_CODE = byCode();

    /** Computed once: a scan asks for it on every event it hands out. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The byte stored in a record: part of the log format, never to change. */
    private final byte code;

    Source(int code) {
        this.code = (byte) code;
    }

    /** The lower-case name used in SQL and JSON: {@code sql}, {@code http}, {@code api}, {@code import}. */
    public String wireName() {
        return wireName;
    }

    /** The byte stored in a record for this source. */
    byte code() {
        return code;
    }

    static Source fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown source code " + code);
        }
        return BY_CODE[code];
    }

    private static Source[] byCode() {
        Source[] byCode = new Source[VALUES.length];
        for (Source s : VALUES) {
            byCode[s.code] = s;
        }
        return byCode;
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
