package dev.hindsight.sql.jdbc;

import java.util.Locale;

/**
 * What a connection may do, from the internal connection property {@code access} (SPEC §5, API key roles): {@code read}
 * (queries), {@code write} (+ INSERT and batches), {@code admin} (+ projection DDL). Embedded connections default to
 * {@link #ADMIN}: whoever opens the log in-process owns it. The server sets the property from the client's API key and
 * refuses it from clients. A statement beyond the connection's access fails with 42501 and writes nothing.
 */
public enum Access {
    /** Queries only. */
    READ,
    /** Queries and appends. */
    WRITE,
    /** Everything, including {@code CREATE}/{@code DROP PROJECTION}. */
    ADMIN;

    /** The connection property's name. */
    public static final String PROPERTY = "access";

    /** Whether this level includes {@code needed}. */
    public boolean allows(Access needed) {
        return compareTo(needed) >= 0;
    }

    /** The level as the property spells it: {@code read}, {@code write} or {@code admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The property's value: {@code read}, {@code write} or {@code admin} (any case), or {@link #ADMIN} if absent.
     *
     * @throws IllegalArgumentException naming the value if it is none of them
     */
    public static Access parse(String value) {
        if (value == null || value.isBlank()) {
            return ADMIN;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "write" -> WRITE;
            case "admin" -> ADMIN;
            default -> throw new IllegalArgumentException("must be read, write or admin, not '" + value + "'");
        };
    }
}
