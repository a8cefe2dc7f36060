package dev.hindsight.http.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the server refuses with an HTTP status and the error body of SPEC §5,
 * {@code {"error": "<message>", "code": "<code>", ...extra}}. Thrown by handlers; {@link BlockingRoute} and
 * {@link RouteFailures} turn it into the response. Carries no stack trace: it is an answer, not a fault.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, Object> extra;

    private ApiError(int status, String code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** An error with {@code status}, a machine-readable {@code code} and a message for people. */
    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, Map.of());
    }

    /** {@link #of} with more members in the body after {@code error} and {@code code}, in the order given. */
    public static ApiError of(int status, String code, String message, Map<String, Object> extra) {
        return new ApiError(status, code, message, extra);
    }

    /** 400 {@code bad_request}: the message names the offending field or value. */
    public static ApiError badRequest(String message) {
        return of(400, "bad_request", message);
    }

    /** 404 {@code not_found}. */
    public static ApiError notFound(String message) {
        return of(404, "not_found", message);
    }

    /**
     * 413 {@code payload_too_large}: a request body over the server's limit of {@code maxBytes}; {@code declared} is
     * its {@code Content-Length}, or negative when the body declared none (chunked) and was counted while read.
     */
    public static ApiError payloadTooLarge(long maxBytes, long declared) {
        return of(413, "payload_too_large", "the request body"
            + (declared >= 0 ? " of " + declared + " bytes" : "") + " is larger than the limit of " + maxBytes
            + " bytes");
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The machine-readable code, e.g. {@code version_conflict}. */
    public String code() {
        return code;
    }

    /** Members of the body beyond {@code error} and {@code code}. */
    public Map<String, Object> extra() {
        return extra;
    }
}
