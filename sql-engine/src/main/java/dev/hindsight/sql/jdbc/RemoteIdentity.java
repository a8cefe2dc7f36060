package dev.hindsight.sql.jdbc;

/**
 * Who a remote connection belongs to, as the server's authentication decided.
 *
 * @param principal a name for the credential that never reveals it (a digest prefix, say); connections are counted per
 *                  principal
 * @param access    what the connection may do
 */
public record RemoteIdentity(String principal, Access access) {
}
