package dev.hindsight.http.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An SSE client on a plain socket (HTTP/1.0, so the body is the raw stream, no chunking): full control over when it
 * reads, how small its receive buffer is, and when it hangs up. Reads time out after 20 s.
 */
final class RawSseClient implements AutoCloseable {

    /** One SSE frame; {@code id} and {@code event} are {@code null} when absent; comments are {@code ":..."} data. */
    record Frame(String id, String event, String data) {
        long seq() {
            return Long.parseLong(id);
        }
    }

    final int status;
    final List<String> headers = new ArrayList<>();
    private final Socket socket;
    private final BufferedReader in;

    private RawSseClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String statusLine = in.readLine();
        this.status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
            headers.add(h);
        }
    }

    static RawSseClient connect(int port, String path, String lastEventId) throws IOException {
        return connect(port, path, lastEventId, 0);
    }

    /** Connects and reads the status and headers; {@code receiveBuffer > 0} shrinks the socket's receive buffer. */
    static RawSseClient connect(int port, String path, String lastEventId, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.setSoTimeout(20_000);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        String request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
            + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new RawSseClient(s);
    }

    /** Shuts the sending side (a TCP half-close): the client reads on. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** The next event or error frame, skipping comments; {@code null} at the end of the stream. */
    Frame next() throws IOException {
        Frame f = nextIncludingComments();
        while (f != null && f.data().startsWith(":")) {
            f = nextIncludingComments();
        }
        return f;
    }

    /** The next frame, a comment line being a frame of its own. */
    Frame nextIncludingComments() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (data != null || id != null || event != null) {
                    return new Frame(id, event, data == null ? "" : data.toString());
                }
            } else if (line.startsWith(":")) {
                return new Frame(null, null, line);
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                String value = line.substring(6);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return null;
    }

    /**
     * Everything left until the server closes, as text; fails if it is still open after 30 s (heartbeats would keep a
     * plain read waiting for ever).
     */
    String rest() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            sb.append(buf, 0, n);
            if (System.nanoTime() > deadline) {
                throw new IOException("the server still streams after 30 s; the last of it: "
                    + sb.substring(Math.max(0, sb.length() - 300)));
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
