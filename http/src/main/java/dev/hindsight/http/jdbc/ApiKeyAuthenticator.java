package dev.hindsight.http.jdbc;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.auth.Role;
import dev.hindsight.sql.jdbc.Access;
import dev.hindsight.sql.jdbc.RemoteAuthenticator;
import dev.hindsight.sql.jdbc.RemoteIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Remote JDBC authentication by API key: the JDBC password is the key (the user name is free, for the tools' sake),
 * and the connection runs with the key's role. With no keys configured every client is admin; the endpoint serves only
 * loopback clients then. Thread-safe.
 */
final class ApiKeyAuthenticator implements RemoteAuthenticator {

    private static final RemoteIdentity LOOPBACK = new RemoteIdentity("loopback clients", Access.ADMIN);

    private final ApiKeys keys;
    /** Logins refused so far: they reach clients as errors and the HTTP counters as {@code /jdbc} 500s, no more. */
    private final LongAdder refused = new LongAdder();

    ApiKeyAuthenticator(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Optional<RemoteIdentity> identify(String user, String password) {
        if (!keys.configured()) {
            return Optional.of(LOOPBACK);
        }
        // blanks around the key ignored, as the HTTP API ignores them after "Bearer" (a key read from a file with
        // its line end, CRLF, opened a JDBC connection nowhere, an HTTP request everywhere)
        String key = password == null ? null : password.strip();
        Optional<RemoteIdentity> identity = keys.roleOf(key).map(role -> new RemoteIdentity(principal(key),
            access(role)));
        if (identity.isEmpty()) {
            refused.increment();
        }
        return identity;
    }

    /** Connections refused for their key (none or a wrong one) since the server started. */
    long refused() {
        return refused.sum();
    }

    private static Access access(Role role) {
        return switch (role) {
            case READ -> Access.READ;
            case WRITE -> Access.WRITE;
            case ADMIN -> Access.ADMIN;
        };
    }

    /** A name for the key in messages and connection counts that does not reveal it: its digest's first 8 bytes. */
    private static String principal(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "key " + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
