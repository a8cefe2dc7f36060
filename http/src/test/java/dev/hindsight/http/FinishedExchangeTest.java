package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished request is let go: given a server whose idle timeout is long, when a request's body had to be waited for
 * (the stall timer of its body armed) and its answer went out, then nothing of the server's holds the exchange. The
 * timer held it until it fired, an idle timeout after the answer: a server answering thousands of requests a second
 * kept tens of thousands of finished exchanges, with their headers and buffers, in its heap.
 */
class FinishedExchangeTest {

    @TempDir
    Path dir;

    /** A route that reads its body in blocking mode on a worker, and tells which exchange and thread it is. */
    private static final class Reading implements HttpHandler {
        final AtomicReference<WeakReference<HttpServerExchange>> exchange = new AtomicReference<>();
        final AtomicReference<Thread> reader = new AtomicReference<>();

        @Override
        public void handleRequest(HttpServerExchange ex) throws Exception {
            if (ex.isInIoThread()) {
                ex.dispatch(this);
                return;
            }
            ex.startBlocking();
            exchange.set(new WeakReference<>(ex));
            reader.set(Thread.currentThread());
            byte[] body = ex.getInputStream().readAllBytes();
            ex.getResponseSender().send("read " + body.length);
        }
    }

    @Test
    void a_request_whose_body_was_waited_for_is_let_go_once_answered() throws Exception {
        Reading route = new Reading();
        ServerExtensions extensions = ServerExtensions.none().withMetrics(context -> route);
        try (RunningServer running = RunningServer.start(dir, s -> s.idleTimeout(Duration.ofMinutes(10)), extensions);
             Socket socket = RawHttp.connect(InetAddress.getLoopbackAddress(), running.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("GET", "/metrics", "Content-Length: 10", "Connection: close"));
            out.write("first".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitWaiting(route.reader); // the worker has read "first" and waits for the rest: the timer is armed
            out.write("-rest".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            RawHttp.Answer answer = RawHttp.Answer.read(in);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("read 10");
            assertThat(in.read()).as("closed after the answer").isEqualTo(-1);

            WeakReference<HttpServerExchange> held = route.exchange.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (held.get() != null && System.nanoTime() < deadline) {
                System.gc();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            assertThat(held.get()).as("the finished exchange, still held 20 s after its answer").isNull();
        }
    }

    /**
     * Waits until {@code reader}'s thread waits for the connection to be readable, at most 20 s: a blocking read waits
     * in a selector of its own, so the thread is RUNNABLE throughout; where it is shows it.
     */
    private static void awaitWaiting(AtomicReference<Thread> reader) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Thread t = reader.get();
            if (t != null
                && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("awaitReadable"))) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        throw new AssertionError("the route's worker never waited for the rest of the body");
    }
}
