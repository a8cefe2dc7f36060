package dev.hindsight.http.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive connection to a test server that echoes request bodies ({@code "echo " + body}), written and read
 * byte by byte as the tests need: requests whole, in pieces or several at once. A test helper.
 */
public final class EchoSocket implements AutoCloseable {

    private final Socket socket;

    private EchoSocket(Socket socket) {
        this.socket = socket;
    }

    /** A connection to {@code server}'s first listener; reads time out after {@code seconds}. */
    public static EchoSocket to(Undertow server, long seconds) throws IOException {
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(seconds));
        socket.setTcpNoDelay(true);
        return new EchoSocket(socket);
    }

    /** A POST of {@code body} with its length declared. */
    public static String request(String body) {
        return "POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** Writes {@code bytes} at once. */
    public void send(String bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes.getBytes(US_ASCII));
        out.flush();
    }

    /** The body of the next answer, which must be 200 with a {@code Content-Length}. */
    public String readBody() throws IOException {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200");
        int length = -1;
        for (String line : head.lines().toList()) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertThat(length).as(head).isNotNegative();
        byte[] body = in.readNBytes(length);
        return new String(body, US_ASCII);
    }

    /** The next byte, -1 at the connection's end. */
    public int read() throws IOException {
        return socket.getInputStream().read();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int ends = 0;
        while (ends < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended in a head: " + head.toString(US_ASCII));
            }
            head.write(b);
            ends = (b == '\r' || b == '\n') ? ends + 1 : 0;
        }
        return head.toString(US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
