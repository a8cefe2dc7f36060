package dev.hindsight.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;

/**
 * How the thin driver carries Avatica's protobuf messages to the server's {@code /jdbc}: one keep-alive HTTP/1.1
 * connection per JDBC connection, one {@code POST} per message over a blocking socket, the answer read by its
 * {@code Content-Length} (or chunks). Avatica's default client (Apache HttpClient behind a connection pool) spends
 * more CPU per message on its execution chain (pool lease, retries, redirects, compression) than the server spends
 * executing a prepared INSERT, on the same two cores. An {@link AvaticaHttpClient}, which {@link RemoteServiceFactory}
 * hands to Avatica's protobuf service.
 *
 * <p>Answers as Avatica's client does where it matters to the driver: 200 and 500 carry Avatica's response (a 500 is
 * an error response with its SQLState); any other status is a {@link RefusedRequestException} whose message says
 * {@code HTTP/<status>}, with a SQLState (413: 54000). A 503 (the server is shutting down, 57P01) fails at once, where
 * Avatica's client retries forever. A
 * link that cannot be opened or breaks is a {@link BrokenLinkException} (SQLState {@code 08006}) naming the server's
 * address. A connection idle for over a second is checked before it is used again (the server closes idle
 * connections), and replaced if the server has closed it; a request that fails once written is never sent again, since
 * it may have run (an INSERT must not run twice). The server may answer a request over its limit ({@code 413}) and
 * close the connection before the whole request is sent: that answer is read and reported rather than the failed
 * write. No read timeout (but for a cancel), as PostgreSQL's driver: a long query is waited for.
 *
 * <p>Thread-safe: one message at a time per connection, as the JDBC objects of one connection share it.
 */
public final class RemoteHttpClient implements AvaticaHttpClient {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final long STALE_CHECK_AFTER_NANOS = 1_000_000_000L;
    private static final int MAX_HEADER_LINE = 8_192;

    private final URL url;
    /** How long an answer is waited for (0: for ever); a login's limit until {@link #loggedIn}. */
    private int readTimeoutMs;
    private final String host;
    private final int port;
    private final byte[] head;
    private Socket socket;
    private AnswerInput in;
    private OutputStream out;
    private long lastUsed;

    /** A client for the endpoint {@code url} ({@code http://host:port/jdbc}); connects on first use. */
    public RemoteHttpClient(URL url) {
        this(url, 0);
    }

    /**
     * As {@link #RemoteHttpClient(URL)}, whose answers are waited for at most {@code readTimeoutMs} (0: for ever),
     * for a message that must not hang its caller (a cancel); a late answer breaks the link (08006).
     */
    public RemoteHttpClient(URL url, long readTimeoutMs) {
        if (!"http".equals(url.getProtocol())) {
            throw new IllegalArgumentException("the Hindsight server speaks http, not " + url.getProtocol() + ": "
                + url);
        }
        this.url = url;
        this.readTimeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(0, readTimeoutMs));
        this.host = url.getHost();
        this.port = url.getPort() < 0 ? 80 : url.getPort();
        String path = url.getPath().isEmpty() ? "/" : url.getPath();
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public synchronized byte[] send(byte[] request) {
        try {
            useOrReconnect();
        } catch (IOException e) {
            close();
            throw BrokenLinkException.unreachable(host, port, e);
        }
        try {
            ByteArrayOutputStream message = new ByteArrayOutputStream(head.length + 16 + request.length);
            message.writeBytes(head);
            message.writeBytes((request.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            message.writeBytes(request);
            try {
                message.writeTo(out);
                out.flush();
            } catch (IOException writeFailed) {
                return answerToFailedWrite(writeFailed);
            }
            byte[] answer = readAnswer();
            lastUsed = System.nanoTime();
            return answer;
        } catch (IOException e) {
            close();
            throw BrokenLinkException.broken(host, port, e);
        }
    }

    /**
     * The login is over: answers are waited for as long as they take from now on, as PostgreSQL's driver waits for a
     * long query (a client made with {@code DriverManager.getLoginTimeout()} for its read timeout waits that long for
     * the server's answer to the connection's opening only).
     */
    public synchronized void loggedIn() throws SocketException {
        readTimeoutMs = 0;
        if (socket != null && !socket.isClosed()) {
            socket.setSoTimeout(0);
        }
    }

    /**
     * A client to the same endpoint, on a connection of its own, whose answers are waited for at most
     * {@code readTimeoutMs}: for a message sent while this client's connection waits for another's answer (a cancel).
     */
    public RemoteHttpClient another(long readTimeoutMs) {
        return new RemoteHttpClient(url, readTimeoutMs);
    }

    /** Closes the connection (the next message opens a new one). */
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing left to release
            }
            socket = null;
        }
    }

    private void useOrReconnect() throws IOException {
        if (socket != null && System.nanoTime() - lastUsed > STALE_CHECK_AFTER_NANOS && closedByServer()) {
            close();
        }
        if (socket == null) {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(readTimeoutMs);
            socket = s;
            in = new AnswerInput(s.getInputStream(), 64 * 1_024);
            out = s.getOutputStream();
        }
    }

    /** Whether an idle connection was closed by the server: it then reads as ended (or, wrongly, has bytes). */
    private boolean closedByServer() throws IOException {
        socket.setSoTimeout(1);
        try {
            in.read(); // -1 (closed) or a stray byte (an unknown state): either way the connection is done
            return true;
        } catch (SocketTimeoutException alive) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            if (socket != null && !socket.isClosed()) {
                socket.setSoTimeout(readTimeoutMs);
            }
        }
    }

    /**
     * The answer the server sent before it stopped reading the request and closed the connection (a {@code 413}: the
     * request is over its limit), which says more than the failed write; without one, the write's failure. The
     * connection is done either way.
     */
    private byte[] answerToFailedWrite(IOException writeFailed) throws IOException {
        try {
            return readAnswer();
        } catch (IOException noAnswer) {
            writeFailed.addSuppressed(noAnswer);
            throw writeFailed;
        } finally {
            close();
        }
    }

    private byte[] readAnswer() throws IOException {
        String status = line();
        // "HTTP/1.1 200 OK"
        if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: '" + status + "'");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closing = value.contains("close");
                default -> {
                    // not needed
                }
            }
        }
        byte[] body = chunked ? chunks() : fixed(length);
        if (closing) {
            close();
        }
        if (code != 200 && code != 500) {
            throw RefusedRequestException.of(code, body);
        }
        return body;
    }

    private byte[] fixed(long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("an answer without a usable Content-Length (" + length + ")");
        }
        return exactly((int) length);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            body.writeBytes(exactly(n));
            line(); // the CRLF after the chunk
        }
    }

    private byte[] exactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("the server closed the connection after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(48);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection mid-answer");
            }
            if (b != '\r') {
                if (line.length() == MAX_HEADER_LINE) {
                    throw new IOException("an answer line longer than " + MAX_HEADER_LINE + " bytes");
                }
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
