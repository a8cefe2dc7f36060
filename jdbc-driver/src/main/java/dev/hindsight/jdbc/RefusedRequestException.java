package dev.hindsight.jdbc;

import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;

/**
 * The server answered a message with an HTTP status outside Avatica's protocol (which answers 200, or 500 with an
 * error message): a body over the server's limit (413), the server shutting down (503), a key refused (401, 403), or
 * anything else ({@link RemoteHttpClient}). Carries a SQLState in the form Avatica's client hands on to the caller's
 * {@link java.sql.SQLException}; a plain RuntimeException reached the caller without one. The message keeps the words
 * of Avatica's own client ({@code got HTTP/413}), which {@link RemoteDriver} reads while connecting.
 */
final class RefusedRequestException extends AvaticaClientRuntimeException {

    private static final long serialVersionUID = 1L;

    private RefusedRequestException(String message, String sqlState) {
        super(message, ErrorResponse.UNKNOWN_ERROR_CODE, sqlState, AvaticaSeverity.ERROR, List.of(), null);
    }

    /**
     * The failure of a message the server answered with {@code status} and {@code body}. A {@code 403} says the
     * server's own words: it comes from a server without keys, refusing a client that is not on its host or that
     * addressed it by a name that is not loopback's, where "the API key was refused" sent the user after a key.
     */
    static RefusedRequestException of(int status, byte[] body) {
        String words = status == 403 ? ServerError.wordsOf(body) : null;
        String why = switch (status) {
            case 413 -> " (the request is larger than the server's body limit)";
            case 503 -> " (the server is shutting down)";
            case 401 -> " (the API key was refused)";
            case 403 -> words == null ? " (refused by the server)" : ": " + words;
            default -> "";
        };
        return new RefusedRequestException("Failed to execute HTTP Request, got HTTP/" + status + why, state(status));
    }

    /**
     * 54000 program limit exceeded; 57P01 admin shutdown, as PostgreSQL says it; 28000 invalid authorization; any other
     * status is outside the protocol: 08P01.
     */
    static String state(int status) {
        return switch (status) {
            case 413 -> "54000";
            case 503 -> "57P01";
            case 401, 403 -> "28000";
            default -> "08P01";
        };
    }
}
