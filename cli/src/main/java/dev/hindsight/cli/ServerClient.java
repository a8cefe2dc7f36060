package dev.hindsight.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.http.auth.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The CLI's side of the HTTP API (SPEC §5) for {@code append}, {@code import} and {@code export --url}: appends
 * and global reads, with {@code Authorization: Bearer $HINDSIGHT_API_KEY} when that variable is set (a key is not
 * taken as an option, where other users of the machine could read it in the process list).
 *
 * <p>Failures become {@link CommandFailure}s with the exit codes of the local commands: a version conflict 3, a
 * refused event 2, an unreachable server or any other failure 1, each with the server's message.
 */
final class ServerClient {

    /** The environment variable holding the API key, if the server wants one. */
    static final String KEY_VARIABLE = "HINDSIGHT_API_KEY";

    /**
     * Reads the server's answers with no limit on a number's or a key's length: a log written before the log refused
     * numbers of more than 1000 digits and keys of more than 50,000 characters may hold one, and Jackson's default
     * limits stopped {@code export --url} at it.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE).build()).build());
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServerClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    /** A client of the server at {@code url} ({@code http://host:port}), refused with the reason if malformed. */
    static ServerClient of(String url, String key) {
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            uri = null; // said below in the same words as any other URL that is not the server's
        }
        // the server's root (or the prefix a reverse proxy serves it under): the routes are added here, so a URL that
        // ends in /v1 would make /v1/v1/… ("no route")
        if (uri == null || (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()))
            || uri.getHost() == null || uri.getRawPath().endsWith("/v1") || uri.getRawQuery() != null
            || uri.getRawFragment() != null) {
            throw CommandFailure.usage("--url " + url + " must be http://host:port, the server's root without /v1 "
                + "(e.g. http://localhost:7070)");
        }
        if (uri.getPort() > 65_535) {
            // java.net.http's own refusal came as a failure to reach the server (exit 1): "port out of range:99999"
            throw CommandFailure.usage("--url " + url + ": the port " + uri.getPort() + " is not a number from 1 to "
                + "65535");
        }
        if (uri.getRawUserInfo() != null) {
            // dropped without a word, so no key was sent; and a key in a URL ends up in shell histories and logs
            throw CommandFailure.usage("--url " + url + ": no user information before the host; give the API key "
                + "in " + KEY_VARIABLE);
        }
        String k = key == null || key.isBlank() ? null : key.strip();
        int odd = k == null ? -1 : ApiKeys.firstNotVisibleAscii(k);
        if (odd >= 0) {
            // said without the key (Java's own refusal of the header quoted it); the server refuses such keys
            throw CommandFailure.usage("the key in " + KEY_VARIABLE + " holds a character that is not visible "
                + "ASCII (character " + (odd + 1) + "), which no server key holds: check the variable");
        }
        return new ServerClient(uri, k);
    }

    /**
     * A request was sent and its answer did not come (it timed out, or the link broke): whether the server ran it is
     * not known. A failure to reach the server at all is a plain {@link CommandFailure}: nothing was sent.
     */
    static final class AnswerLost extends CommandFailure {

        private static final long serialVersionUID = 1L;

        AnswerLost(String message) {
            super(ExitCode.FAILED, message);
        }
    }

    /**
     * Appends {@code events} (JSON objects of {@code POST /v1/streams/{id}/events}) atomically to {@code streamId}.
     *
     * @return the server's {@code [{eventId, seq, version}]}
     * @throws AnswerLost if the request went and no answer came
     */
    JsonNode append(String streamId, List<byte[]> events) {
        return append(streamId, events, null);
    }

    /**
     * As {@link #append(String, List)}, with an {@code Idempotency-Key} (unless null): sent again with the same key,
     * the request is appended once, and answered with the first result.
     */
    JsonNode append(String streamId, List<byte[]> events, String idempotencyKey) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(body)) {
            g.writeStartArray();
            for (byte[] event : events) {
                g.writeRawValue(new String(event, StandardCharsets.UTF_8));
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder builder = request("/v1/streams/" + URLEncoder.encode(streamId, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/events")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        HttpRequest request = builder.build();
        HttpResponse<InputStream> response = send(request);
        try (InputStream in = response.body()) {
            if (response.statusCode() == 201) {
                return JSON.readTree(in);
            }
            throw failure(response.statusCode(), errorBody(in));
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "reading the server's answer failed: " + e.getMessage());
        }
    }

    /** Receives each event of {@link #events} as the exact JSON text the server wrote. */
    interface EventSink {

        /** The event whose text is {@code bytes[offset, offset + length)} (UTF-8, one line), and its seq. */
        void accept(byte[] bytes, int offset, int length, long seq) throws IOException;
    }

    /**
     * Reads up to {@code limit} events of the global log from {@code fromSeq}, handing each to {@code sink} as the
     * text of its JSON object in the server's answer, untouched: the server writes an event exactly as a local
     * {@code export} does ({@code data} and {@code metadata} as stored), and parsing and writing it again would change
     * that text (a number's digits beyond a double's precision, {@code 10.50}, spaces). Returns how many there were
     * (0 at the head). An {@link IOException} of the sink comes out as an {@link UncheckedIOException}.
     */
    int events(long fromSeq, int limit, EventSink sink) {
        HttpResponse<InputStream> response = send(request("/v1/events?fromSeq=" + fromSeq + "&limit=" + limit)
            .GET().build());
        try (RecordingInputStream in = new RecordingInputStream(response.body())) {
            if (response.statusCode() != 200) {
                throw failure(response.statusCode(), errorBody(in));
            }
            int count = 0;
            try (JsonParser p = FACTORY.createParser(in)) {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    throw new CommandFailure(ExitCode.FAILED, "the server's answer to GET /v1/events is not an array");
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    long start = p.currentTokenLocation().getByteOffset();
                    long seq = seqOf(p);
                    long end = p.currentLocation().getByteOffset();
                    try {
                        sink.accept(in.recorded(), in.index(start), (int) (end - start), seq);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // the sink's failure, not the server's answer's
                    }
                    in.discardBefore(end);
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "reading the server's answer failed: " + e.getMessage());
        }
    }

    /** Reads the event object {@code p} is at the start of, up to its end; returns its {@code seq}. */
    private static long seqOf(JsonParser p) throws IOException {
        long seq = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("seq".equals(field)) {
                seq = p.getLongValue();
            } else {
                p.skipChildren();
            }
        }
        if (seq < 1) {
            throw new CommandFailure(ExitCode.FAILED, "an event in the server's answer to GET /v1/events has no seq");
        }
        return seq;
    }

    /**
     * Keeps the bytes read through it from a given offset on, so that the text of a value a parser has read can be
     * taken as it was: the bytes of one event and the parser's read-ahead.
     */
    private static final class RecordingInputStream extends InputStream {

        private final InputStream in;
        private byte[] recorded = new byte[1 << 16];
        /** The stream offset of {@code recorded[0]}. */
        private long base;
        private int length;

        RecordingInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                record(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                record(b, off, n);
            }
            return n;
        }

        private void record(byte[] b, int off, int n) {
            if (length + n > recorded.length) {
                recorded = Arrays.copyOf(recorded, Math.max(recorded.length * 2, length + n));
            }
            System.arraycopy(b, off, recorded, length, n);
            length += n;
        }

        byte[] recorded() {
            return recorded;
        }

        /** The index in {@link #recorded()} of the byte at stream offset {@code offset}. */
        int index(long offset) {
            return (int) (offset - base);
        }

        /** Forgets the bytes before stream offset {@code offset}. */
        void discardBefore(long offset) {
            int drop = index(offset);
            System.arraycopy(recorded, drop, recorded, 0, length - drop);
            length -= drop;
            base = offset;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1))
            .header("Accept", "application/json");
        return key == null ? b : b.header("Authorization", "Bearer " + key);
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new CommandFailure(ExitCode.FAILED, "no server at " + base + " (is `./hindsight serve` running? "
                + "or use --data-dir DIR to open a log directly)");
        } catch (IOException e) {
            // sent, or partly: a request that timed out or whose link broke may have run
            throw new AnswerLost("the request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCode.FAILED, "interrupted");
        }
    }

    /** An error answer's body; an empty object if it is not JSON (not a Hindsight server, or a proxy's page). */
    private static JsonNode errorBody(InputStream in) throws IOException {
        try {
            JsonNode body = JSON.readTree(in);
            return body == null ? JSON.createObjectNode() : body;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    /** The error of SPEC §5 ({@code {"error", "code"}}) as the local command's failure. */
    private CommandFailure failure(int status, JsonNode body) {
        String message = body.path("error").asText("HTTP " + status + " from " + base);
        String code = body.path("code").asText("");
        if (status == 409 && "version_conflict".equals(code)) {
            // the server's message says "version conflict on stream …" already, as SPEC §2 words it
            return new CommandFailure(ExitCode.CONFLICT, message.startsWith("version conflict") ? message
                : "version conflict: " + message);
        }
        if (status == 401) {
            return new CommandFailure(ExitCode.FAILED, message + (key == null
                ? " (the server at " + base + " wants an API key: set " + KEY_VARIABLE + ")"
                : " (the server at " + base + " does not know the key in " + KEY_VARIABLE + ")"));
        }
        if (status == 403) {
            // a role too weak for the key given, or a server without keys that serves loopback clients only
            return new CommandFailure(ExitCode.FAILED, message + (key == null ? "" : " (the key in " + KEY_VARIABLE
                + ")"));
        }
        return new CommandFailure(status == 400 || status == 413 ? ExitCode.USAGE : ExitCode.FAILED, message);
    }
}
