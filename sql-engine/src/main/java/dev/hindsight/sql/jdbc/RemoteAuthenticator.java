package dev.hindsight.sql.jdbc;

import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Checks the {@code user}/{@code password} connection properties of a remote client (the password carries the API
 * key). Called once per connection, from any thread: implementations must be thread-safe.
 */
@FunctionalInterface
public interface RemoteAuthenticator {

    /**
     * The identity the credentials stand for, or empty to refuse the connection (SQLState 28000).
     *
     * @param user     the {@code user} property, or {@code null}
     * @param password the {@code password} property, or {@code null}
     */
    Optional<RemoteIdentity> identify(@Nullable String user, @Nullable String password);
}
