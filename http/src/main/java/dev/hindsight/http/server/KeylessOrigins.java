package dev.hindsight.http.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a server without API keys refuses from its loopback clients because a web page may have sent it: a browser on
 * the same host is a loopback client too, and such a server gives every loopback client every right. A page of
 * another site can send a request that needs no permission from the server (a {@code POST} with no content type or
 * a form's, {@code /jdbc}'s protobuf as {@code text/plain}): it runs, though the page never reads the answer; and a
 * page whose own name the attacker points at 127.0.0.1 (DNS rebinding) counts as the same site and reads answers too.
 * So, as local development servers do (Jupyter, Vite): a request must be addressed to a loopback name ({@code Host}:
 * {@code localhost}, a loopback address, or the address the server was bound to as given), and a browser's request
 * must come from a page served by one ({@code Origin}). Tools that are not browsers send no {@code Origin} and
 * address the server as they were told to. A server with keys needs none of this: a page cannot send a key it does
 * not have, and a browser sends none of its own.
 */
final class KeylessOrigins {

    /** An IPv4 address written as four decimal parts; other spellings ({@code 127.1}) are taken as names. */
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** The inside of an IPv6 literal's brackets: parsed with no lookup (it holds a colon). */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private KeylessOrigins() {
    }

    /**
     * The refusal of {@code exchange} for a server without keys bound to {@code bindHost} (as given), or {@code null}
     * if it is addressed to a loopback name and comes from no page of another site.
     */
    static ApiError refusal(HttpServerExchange exchange, String bindHost) {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (host != null && !isLoopbackName(hostOf(host), bindHost)) {
            return ApiError.of(403, "forbidden", "this server has no API keys and serves only requests addressed "
                + "to a loopback name (localhost, 127.0.0.1, [::1]); Host was '" + host + "' (a web page's request, "
                + "through a name pointed at this host?). Address it by such a name, or start it with --keys FILE");
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && !isLoopbackName(originHost(origin), bindHost)) {
            return ApiError.of(403, "forbidden", "this server has no API keys and gives every loopback client every "
                + "right, so it refuses requests a web page of another site sent through a browser (Origin '"
                + origin + "'); start it with --keys FILE to serve such pages");
        }
        return null;
    }

    /** The host of a {@code Host} header's value: without its port, an IPv6 literal without its brackets. */
    private static String hostOf(String value) {
        String host = value.strip();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** The host of an {@code Origin} ({@code scheme://host[:port]}), or {@code ""} for {@code null} or no origin. */
    private static String originHost(String origin) {
        try {
            String host = new URI(origin.strip()).getHost();
            if (host == null) {
                return ""; // "null": a sandboxed frame, a file:// page, a redirect across sites
            }
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static boolean isLoopbackName(String host, String bindHost) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        name = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return false;
        }
        // RFC 6761: localhost and names under it are the host itself, which browsers resolve without asking DNS
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equalsIgnoreCase(bindHost)) {
            return true;
        }
        if (DOTTED_QUAD.matcher(name).matches()) {
            return isLoopbackQuad(name);
        }
        if (!IPV6_LITERAL.matcher(name).matches()) {
            return false; // a name: it may point anywhere, and looking it up here would not tell what a browser saw
        }
        try {
            // in brackets Java parses it as an IPv6 literal or refuses it, and never asks a resolver (on an I/O thread)
            return InetAddress.getByName("[" + name + "]").isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether four decimal parts are an IPv4 address in 127.0.0.0/8; parts past 255 make none (300.1.2.3). */
    private static boolean isLoopbackQuad(String quad) {
        String[] parts = quad.split("\\.", -1);
        for (String part : parts) {
            if (Integer.parseInt(part) > 255) {
                return false; // Java would look such a "literal" up as a name
            }
        }
        return Integer.parseInt(parts[0]) == 127;
    }
}
