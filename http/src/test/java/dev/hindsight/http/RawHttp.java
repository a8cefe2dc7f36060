package dev.hindsight.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 on a plain socket, for what {@code java.net.http} cannot do: choose the client's own address, or send a
 * body that never ends. Reads time out after 30 s.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * A response: the status, the header lines (lower case) and the body of its {@code Content-Length}, as text and as
     * the bytes that came.
     */
    record Answer(int status, List<String> headers, String body, ByteBuffer raw) {

        /** The body's bytes. */
        byte[] bytes() {
            byte[] copy = new byte[raw.remaining()];
            raw.duplicate().get(copy);
            return copy;
        }

        /**
         * Reads one response off {@code in}; without {@code Content-Length} the body runs to the close, except for a
         * status that has none.
         */
        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            int length = -1;
            List<String> headers = new ArrayList<>();
            for (String h = line(in).toLowerCase(Locale.ROOT); !h.isEmpty(); h = line(in).toLowerCase(Locale.ROOT)) {
                headers.add(h);
                if (h.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring("content-length:".length()).strip());
                }
            }
            // RFC 9112 §6.3: a 1xx, 204 or 304 has no body, whatever its headers say (a 1xx has no Content-Length)
            boolean none = status / 100 == 1 || status == 204 || status == 304;
            byte[] body = none ? new byte[0] : length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8),
                ByteBuffer.wrap(body).asReadOnlyBuffer());
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the server closed the connection mid-answer: " + line);
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }

    /** A socket connected to the server on 127.0.0.1:{@code port} from the local address {@code from}. */
    static Socket connect(InetAddress from, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setSoTimeout(30_000);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The head of a request {@code method path} with {@code headers} (each a {@code Name: value} line). */
    static byte[] head(String method, String path, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code data} as one chunk of a {@code Transfer-Encoding: chunked} body. */
    static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes chunks of 4 KiB until more than {@code bytes} are sent, and no last chunk: the body has not ended. */
    static void writeChunksPast(OutputStream out, long bytes) throws IOException {
        byte[] pad = "x".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        for (long sent = 0; sent <= bytes; sent += pad.length) {
            writeChunk(out, pad);
        }
        out.flush();
    }

    /** Whether the server closed the connection: the next read ends the stream or is reset, rather than time out. */
    static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketException e) {
            return true; // reset: the server closed with our bytes unread, as it should
        }
    }

    /** Sends {@code method path} with a JSON {@code body} (or none) from {@code from}, and reads the answer. */
    static Answer send(InetAddress from, int port, String method, String path, String body) throws IOException {
        try (Socket socket = connect(from, port)) {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String length = "Content-Length: " + bytes.length;
            OutputStream out = socket.getOutputStream();
            out.write(body == null ? head(method, path, "Connection: close", length)
                : head(method, path, "Connection: close", "Content-Type: application/json", length));
            out.write(bytes);
            out.flush();
            return Answer.read(socket.getInputStream());
        }
    }
}
