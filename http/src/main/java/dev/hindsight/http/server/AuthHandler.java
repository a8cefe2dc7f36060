package dev.hindsight.http.server;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.auth.Role;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Deny by default: lets a request through to its route only if the caller may call it (SPEC §5).
 *
 * <ul>
 *   <li>No keys configured: only loopback peers are served, each as {@link Role#ADMIN}; any other peer gets
 *       {@code 403 forbidden}, and so does a request a web page may have sent ({@link KeylessOrigins}).</li>
 *   <li>Keys configured: {@code Authorization: Bearer <key>}; a missing or unknown key gets {@code 401
 *       unauthorized}, a role below the route's {@code 403 forbidden}. {@link Access#PROTOCOL} routes authenticate
 *       inside their protocol and pass.</li>
 * </ul>
 *
 * <p>The caller's role is attached to the exchange ({@link #ROLE}). Keys are compared in constant time by
 * {@link ApiKeys} and never logged or echoed. Cheap enough for the I/O thread.
 */
public final class AuthHandler implements HttpHandler {

    /** The role of the caller, for routes that pass it on (the SQL connection's access level). */
    public static final AttachmentKey<Role> ROLE = AttachmentKey.create(Role.class);
    /** Who presented the key ({@link ApiKeys.Caller}), when keys are configured; else none. */
    public static final AttachmentKey<ApiKeys.Caller> CALLER = AttachmentKey.create(ApiKeys.Caller.class);

    private static final String BEARER = "bearer ";

    private final ApiKeys keys;
    private final String bindHost;
    private final Access access;
    private final HttpHandler next;

    /** Guards {@code next} with {@code access} under {@code keys}, for a server bound to {@code bindHost} as given. */
    public AuthHandler(ApiKeys keys, String bindHost, Access access, HttpHandler next) {
        this.keys = keys;
        this.bindHost = bindHost;
        this.access = access;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!keys.configured()) {
            if (!isLoopback(exchange.getSourceAddress())) {
                JsonResponses.sendError(exchange, ApiError.of(403, "forbidden", "this server has no API keys "
                    + "configured and serves loopback clients only; start it with --keys FILE to serve others"));
                return;
            }
            ApiError browser = KeylessOrigins.refusal(exchange, bindHost);
            if (browser != null) {
                JsonResponses.sendError(exchange, browser);
                return;
            }
            exchange.putAttachment(ROLE, Role.ADMIN);
            next.handleRequest(exchange);
            return;
        }
        if (access == Access.PROTOCOL) {
            next.handleRequest(exchange);
            return;
        }
        String given;
        try {
            given = SingleHeader.of(exchange, Headers.AUTHORIZATION);
        } catch (ApiError twice) {
            JsonResponses.sendError(exchange, twice);
            return;
        }
        Optional<ApiKeys.Caller> caller = keys.callerOf(bearerToken(given));
        Optional<Role> role = caller.map(ApiKeys.Caller::role);
        if (role.isEmpty()) {
            JsonResponses.sendError(exchange, ApiError.of(401, "unauthorized",
                "a valid API key is required: send 'Authorization: Bearer <key>'"));
            return;
        }
        if (!role.get().allows(access.role())) {
            // 42501 as the same refusal through SQL says it (POST /v1/sql, JDBC)
            JsonResponses.sendError(exchange, ApiError.of(403, "forbidden", "this needs the "
                + access.role().label() + " role; the key presented has the " + role.get().label() + " role",
                Map.of("sqlState", "42501")));
            return;
        }
        exchange.putAttachment(ROLE, role.get());
        exchange.putAttachment(CALLER, caller.get());
        next.handleRequest(exchange);
    }

    /** The key of {@code Bearer <key>} (scheme case-insensitive, RFC 7235), or {@code null}. */
    static String bearerToken(String header) {
        if (header == null || header.length() <= BEARER.length()
            || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        return header.substring(BEARER.length()).strip();
    }

    static boolean isLoopback(InetSocketAddress peer) {
        InetAddress address = peer == null ? null : peer.getAddress();
        return address != null && address.isLoopbackAddress();
    }
}
