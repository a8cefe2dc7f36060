package dev.hindsight.http.server;

import dev.hindsight.http.auth.Role;

/**
 * Who may call a route: a holder of at least a {@link Role}, or ({@link #PROTOCOL}) whoever the route's own protocol
 * authenticates (the remote JDBC endpoint checks the key it carries as the JDBC password). Every access still obeys
 * the loopback rule: with no keys configured only loopback clients are served.
 */
public enum Access {
    /** Queries, reads, subscriptions. */
    READ(Role.READ),
    /** Appends, and everything {@link #READ} allows. */
    WRITE(Role.WRITE),
    /** Projection DDL and rebuild, and everything {@link #WRITE} allows. */
    ADMIN(Role.ADMIN),
    /** Authenticated inside the route's protocol; at HTTP level only the loopback rule applies. */
    PROTOCOL(null);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The least role a caller needs, or {@code null} for {@link #PROTOCOL}. */
    public Role role() {
        return role;
    }
}
