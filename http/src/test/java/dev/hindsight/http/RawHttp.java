package dev.hindsight.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    /** A response: the status, the header lines (lower case) and the body of its {@code Content-Length}. */
    record Answer(int status, List<String> headers, String body) {

        /** Reads one response off {@code in}; without {@code Content-Length} the body runs to the close. */
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
            byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
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

    /** Sends {@code method path} with a JSON {@code body} (or none) from {@code from}, and reads the answer. */
    static Answer send(InetAddress from, int port, String method, String path, String body) throws IOException {
        try (Socket socket = connect(from, port)) {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return Answer.read(socket.getInputStream());
        }
    }
}
