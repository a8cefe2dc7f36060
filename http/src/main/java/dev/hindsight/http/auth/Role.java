package dev.hindsight.http.auth;

import java.util.Locale;

/**
 * What an API key may do (SPEC §5): each role includes the ones before it.
 *
 * <ul>
 *   <li>{@link #READ}: queries, reads, subscriptions;</li>
 *   <li>{@link #WRITE}: and appends ({@code INSERT}, {@code POST …/events});</li>
 *   <li>{@link #ADMIN}: and projection DDL and rebuild.</li>
 * </ul>
 */
public enum Role {
    READ,
    WRITE,
    ADMIN;

    /** Whether a holder of this role may do what {@code needed} allows. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The lower-case name used in keys files and messages: {@code read}, {@code write}, {@code admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role a keys file names.
     *
     * @throws IllegalArgumentException naming the text when it is none of {@code read}, {@code write}, {@code admin}
     *     (a keys file's reader must not pass this message on: with key and role swapped, the text is the key)
     */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.label().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': expected read, write or admin");
    }
}
