package dev.hindsight.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection doing one request at a time over a blocking socket: what a lean client of any
 * language does, and the HTTP counterpart of PostgreSQL's JDBC driver on its socket. The JDK's {@code HttpClient}
 * spends more of the two cores on its own selector thread and futures than the server spends on the request, so it
 * measures itself; this client writes the request bytes and reads the status line, the headers it needs
 * ({@code Content-Length}) and the body, nothing else. Not thread-safe: one per client thread.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** A response: its status code and body. */
    record Response(int status, String body) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;
    /** The {@code Authorization} header line with its CRLF, or empty for a server without keys. */
    private final String authorization;
    private final ByteArrayOutputStream request = new ByteArrayOutputStream(1_024);

    KeepAliveHttp(URI server) throws IOException {
        this(server, null);
    }

    /** As {@link #KeepAliveHttp(URI)}, sending {@code apiKey} with each request ({@code null} for none). */
    KeepAliveHttp(URI server, String apiKey) throws IOException {
        authorization = apiKey == null ? "" : "Authorization: Bearer " + apiKey + "\r\n";
        socket = new Socket(server.getHost(), server.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1_024);
        host = server.getAuthority();
    }

    /** POSTs {@code json} to {@code path} and reads the whole response. */
    Response post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        request.reset();
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + authorization
            + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        request.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        request.writeTo(out);
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String status = line();
        // "HTTP/1.1 201 Created"
        if (status.length() < 12 || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 status line: '" + status + "'");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        for (String header = line(); !header.isEmpty(); header = line()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            } else if (header.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")) {
                throw new IOException("a chunked response; this client reads only Content-Length bodies");
            }
        }
        if (length < 0) {
            throw new IOException("a response without Content-Length (status " + code + ")");
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("the connection closed after " + body.length + " of " + length + " body bytes");
        }
        return new Response(code, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection mid-response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
