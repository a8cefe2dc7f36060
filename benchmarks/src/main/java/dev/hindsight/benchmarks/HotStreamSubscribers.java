package dev.hindsight.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What many live subscribers of one busy stream cost the appends to it: opens {@code --subscribers} subscriptions to
 * {@code hot-1} ({@code GET /v1/streams/hot-1/subscribe?replay=0}), drained as fast as the server sends by one
 * selector thread, then {@code --threads} clients append {@code --appends} events each to {@code hot-1}, one at a
 * time over a keep-alive connection, and prints appends per second and latency (p50, p99, max); then waits for the
 * subscribers to receive every event (or for delivery to stop for 2 s) and prints the frames delivered, and, given
 * the server's process id ({@code --server-pid}), its CPU per delivered frame from the first append to the last
 * frame.
 *
 * <p>Keys as in {@link IdleSubscribers}: {@code --read-key-prefix readkey} gives the Nth subscription the key
 * {@code readkeyK} for K = N / 250, {@code --write-key} the appenders'.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.hindsight.benchmarks.HotStreamSubscribers \
 *     --server http://127.0.0.1:7070 --subscribers 1000 --threads 4 --appends 500 \
 *     --read-key-prefix readkey --write-key writekey
 * </pre>
 */
public final class HotStreamSubscribers {

    private static final int SUBSCRIPTIONS_PER_KEY = 250;
    private static final byte[] ID_LINE = "\nid:".getBytes(StandardCharsets.US_ASCII);

    private HotStreamSubscribers() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create("http://127.0.0.1:7070");
        int subscribers = 1_000;
        int threads = 4;
        int appends = 500;
        String readKeyPrefix = null;
        String writeKey = null;
        long serverPid = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--server" -> server = URI.create(args[i + 1]);
                case "--subscribers" -> subscribers = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--appends" -> appends = Integer.parseInt(args[i + 1]);
                case "--read-key-prefix" -> readKeyPrefix = args[i + 1];
                case "--write-key" -> writeKey = args[i + 1];
                case "--server-pid" -> serverPid = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (Selector selector = Selector.open()) {
            for (int n = 0; n < subscribers; n++) {
                subscribe(server, readKeyPrefix == null ? null : readKeyPrefix + (n / SUBSCRIPTIONS_PER_KEY))
                    .register(selector, SelectionKey.OP_READ, new int[] {1});
            }
            AtomicLong received = new AtomicLong();
            Thread drain = new Thread(() -> drain(selector, received), "drain");
            long serverCpu = CpuClock.process(serverPid);
            drain.setDaemon(true);
            drain.start();
            long[][] nanos = new long[threads][appends];
            List<Thread> appenders = new ArrayList<>();
            IOException[] failure = new IOException[1];
            long started = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                long[] mine = nanos[t];
                String key = writeKey;
                URI target = server;
                Thread a = new Thread(() -> {
                    try (KeepAliveHttp http = new KeepAliveHttp(target, key)) {
                        for (int i = 0; i < mine.length; i++) {
                            long t0 = System.nanoTime();
                            KeepAliveHttp.Response r = http.post("/v1/streams/hot-1/events",
                                "{\"entityType\":\"hot\",\"name\":\"hot.ticked\",\"data\":{\"i\":" + i + "}}");
                            if (r.status() != 201) {
                                throw new IOException("append " + i + ": " + r.status() + " " + r.body());
                            }
                            mine[i] = System.nanoTime() - t0;
                        }
                    } catch (IOException e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    }
                }, "appender-" + t);
                a.start();
                appenders.add(a);
            }
            for (Thread a : appenders) {
                a.join();
            }
            long ended = System.nanoTime();
            synchronized (failure) {
                if (failure[0] != null) {
                    throw failure[0];
                }
            }
            long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf(Locale.ROOT, "%d subscribers of one stream, %d appenders: %.0f appends/s, p50 %.2f ms, "
                    + "p99 %.2f ms, max %.1f ms%n", subscribers, threads,
                all.length / ((ended - started) / 1e9), all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
            long expected = (long) subscribers * all.length;
            long seen = received.get();
            long lastGrowth = System.nanoTime();
            while (seen < expected && System.nanoTime() - lastGrowth < 2_000_000_000L) {
                Thread.sleep(10); // a benchmark's wait for delivery to end, not a test's synchronisation
                long now = received.get();
                if (now > seen) {
                    seen = now;
                    lastGrowth = System.nanoTime();
                }
            }
            double deliverySeconds = (System.nanoTime() - started) / 1e9;
            long cpu = serverCpu < 0 ? -1 : CpuClock.process(serverPid) - serverCpu;
            System.out.printf(Locale.ROOT, "delivered %d of %d frames, the last %.1f s after the first append%s%n",
                seen, expected, deliverySeconds, cpu < 0 ? ""
                    : String.format(Locale.ROOT, "; server CPU %.1f µs per delivered frame", cpu / 1e3 / seen));
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
        }
    }

    /**
     * Reads every subscription's bytes as they come and counts its event frames (lines starting {@code id:}), until
     * the selector closes. A frame's {@code id:} never spans two reads' counting: the line state is kept per
     * subscription.
     */
    private static void drain(Selector selector, AtomicLong received) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1_024);
        try {
            while (selector.isOpen()) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    buffer.clear();
                    int n = ((SocketChannel) k.channel()).read(buffer);
                    if (n < 0) {
                        k.cancel();
                        continue;
                    }
                    int[] state = (int[]) k.attachment(); // chars of "\nid:" matched so far
                    byte[] bytes = buffer.array();
                    for (int i = 0; i < n; i++) {
                        byte b = bytes[i];
                        state[0] = b == ID_LINE[state[0]] ? state[0] + 1 : (b == '\n' ? 1 : 0);
                        if (state[0] == ID_LINE.length) {
                            received.incrementAndGet();
                            state[0] = 0;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            // the selector or a channel closed at the end of the run
        }
    }

    /** Opens a subscription to {@code hot-1}'s new events and reads its status line (200), then goes non-blocking. */
    private static SocketChannel subscribe(URI server, String key) throws IOException {
        SocketChannel s = SocketChannel.open(new InetSocketAddress(server.getHost(), server.getPort()));
        String request = "GET /v1/streams/hot-1/subscribe?replay=0 HTTP/1.1\r\nHost: " + server.getAuthority()
            + "\r\n" + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
            + "Accept: text/event-stream\r\n\r\n";
        s.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder status = new StringBuilder();
        while (true) {
            one.clear();
            if (s.read(one) < 0) {
                break;
            }
            char c = (char) one.get(0);
            if (c == '\n') {
                break;
            }
            status.append(c);
        }
        if (!status.toString().startsWith("HTTP/1.1 200")) {
            s.close();
            throw new IOException("subscription to hot-1: " + status.toString().trim());
        }
        s.configureBlocking(false);
        return s;
    }
}
