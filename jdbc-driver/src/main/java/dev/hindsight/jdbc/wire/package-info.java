/**
 * The bytes of the remote JDBC protocol (Avatica's protobuf messages), read and written the same way at both ends:
 * by the thin driver and by the server's {@code /jdbc} endpoint, which depends on this module for it. Internal to
 * Hindsight, not an API for applications.
 */
package dev.hindsight.jdbc.wire;
