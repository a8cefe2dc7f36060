package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server flooded with more idle connections than it may have open files holds only as many as leave its own files
 * room, the rest waiting unaccepted: it goes on working (a projection's definition is a file it writes), and accepts a
 * new client as soon as the flood is gone. At the limit, accepts failed ("Too many open files"), XNIO backed off
 * accepting for seconds after the flood, and the server's own files failed to open.
 */
class ConnectionFloodTest {

    private static final int OPEN_FILES = 512;

    @TempDir
    Path dir;

    @Test
    void givenMoreIdleConnectionsThanOpenFiles_thenTheServerStillWorksAndServesANewClientOnceTheyAreGone()
            throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        ServeProcess server = ServeProcess.withOpenFiles(OPEN_FILES, data, dir, "serve");
        List<Socket> flood = new ArrayList<>();
        try (Socket control = connect(server.port())) {
            assertThat(request(control, "GET", "/health", "")).startsWith("HTTP/1.1 200");
            for (int i = 0; i < OPEN_FILES + 200; i++) {
                flood.add(connect(server.port())); // connected in the kernel, accepted or not
            }

            String created = request(control, "POST", "/v1/sql",
                "{\"sql\":\"CREATE PROJECTION pf AS SELECT name, COUNT(*) AS n FROM events GROUP BY name\"}");

            assertThat(created).as("with the flood open").startsWith("HTTP/1.1 200");
            for (Socket s : flood) {
                s.close();
            }
            flood.clear();
            try (Socket late = connect(server.port())) {
                late.setSoTimeout(5_000); // XNIO's back-off was up to 30 s after a flood
                assertThat(request(late, "GET", "/health", "")).as("a client after the flood").startsWith(
                    "HTTP/1.1 200");
            }
        } finally {
            for (Socket s : flood) {
                s.close();
            }
            server.destroyIfAlive();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(30_000);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        return s;
    }

    /** One request on {@code s} (kept alive); returns the answer's head and body as text. */
    private static String request(Socket s, String method, String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        // a loopback name: a server without keys refuses another (a web page's, through DNS rebinding)
        out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.lines().toList()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
