package dev.hindsight.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What idle live subscribers cost the appends of others: opens {@code --subscribers} stream subscriptions, each to a
 * quiet stream of its own ({@code GET /v1/streams/quiet-N/subscribe}), then times {@code --appends} appends to
 * another stream, one at a time over one keep-alive connection, and prints appends per second and latency.
 *
 * <p>A server allows 256 subscriptions per API key, so more need keys: {@code --read-key-prefix readkey} gives the
 * Nth subscription the key {@code readkeyK} for K = N / 250 (a keys file with {@code readkey0 read},
 * {@code readkey1 read}, …), and {@code --write-key} the appender's. Without them the server must have no keys.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.hindsight.benchmarks.IdleSubscribers --server http://127.0.0.1:7070 \
 *     --subscribers 2000 --appends 3000 --read-key-prefix readkey --write-key writekey
 * </pre>
 */
public final class IdleSubscribers {

    private static final int SUBSCRIPTIONS_PER_KEY = 250;

    private IdleSubscribers() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create("http://127.0.0.1:7070");
        int subscribers = 2_000;
        int appends = 3_000;
        String readKeyPrefix = null;
        String writeKey = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--server" -> server = URI.create(args[i + 1]);
                case "--subscribers" -> subscribers = Integer.parseInt(args[i + 1]);
                case "--appends" -> appends = Integer.parseInt(args[i + 1]);
                case "--read-key-prefix" -> readKeyPrefix = args[i + 1];
                case "--write-key" -> writeKey = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Socket> open = new ArrayList<>();
        try {
            for (int n = 0; n < subscribers; n++) {
                open.add(subscribe(server, "quiet-" + n,
                    readKeyPrefix == null ? null : readKeyPrefix + (n / SUBSCRIPTIONS_PER_KEY)));
            }
            long[] nanos = new long[appends];
            long started;
            long ended;
            try (KeepAliveHttp http = new KeepAliveHttp(server, writeKey)) {
                started = System.nanoTime();
                for (int i = 0; i < appends; i++) {
                    long t0 = System.nanoTime();
                    KeepAliveHttp.Response r = http.post("/v1/streams/busy-1/events",
                        "{\"entityType\":\"busy\",\"name\":\"busy.ticked\",\"data\":{\"i\":" + i + "}}");
                    if (r.status() != 201) {
                        throw new IOException("append " + i + ": " + r.status() + " " + r.body());
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
                ended = System.nanoTime();
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%d idle stream subscribers: %.0f appends/s one at a time, p50 %.2f ms, "
                + "p99 %.2f ms%n", subscribers, appends / ((ended - started) / 1e9), nanos[appends / 2] / 1e6,
                nanos[(int) (appends * 0.99)] / 1e6);
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /** Opens a subscription to {@code stream}'s new events and reads its status line (200), leaving it open. */
    private static Socket subscribe(URI server, String stream, String key) throws IOException {
        Socket s = new Socket(server.getHost(), server.getPort());
        String request = "GET /v1/streams/" + stream + "/subscribe?replay=0 HTTP/1.1\r\nHost: "
            + server.getAuthority() + "\r\n" + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
            + "Accept: text/event-stream\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder status = new StringBuilder();
        for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
            status.append((char) b);
        }
        if (!status.toString().startsWith("HTTP/1.1 200")) {
            s.close();
            throw new IOException("subscription to " + stream + ": " + status.toString().trim());
        }
        return s;
    }
}
