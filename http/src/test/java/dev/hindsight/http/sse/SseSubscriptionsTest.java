package dev.hindsight.http.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SseSubscriptionsTest {

    /** 40 MB of events: more than any socket buffers between the server and a client hold. */
    private static final int MAX_APPENDS_TO_DROP = 20_000;

    private static final SseSettings TEST_SETTINGS = SseSettings.defaults()
        .withHeartbeatMillis(50)
        .withCloseGraceMillis(10_000);

    @TempDir
    Path dir;

    private SseServer server;

    @BeforeEach
    void start() {
        server = new SseServer(dir, TEST_SETTINGS.withMaxBufferedEvents(16).withStallMillis(300));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aStreamSubscriptionReplaysTheLastNEventsThenDeliversLiveOnesInOrderWithSeqAsId() throws Exception {
        for (int i = 1; i <= 5; i++) {
            server.append("order-1", "{\"n\":" + i + "}");
            server.append("order-2", "{\"n\":" + i + "}");
        }
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(uri("/v1/streams/order-1/subscribe?replay=2")).build(),
            HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            ct -> assertThat(ct).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        Iterator<String> lines = response.body().iterator();
        CompletableFuture<List<String>> frames = CompletableFuture.supplyAsync(() -> readFrames(lines, 4));

        long live1 = server.append("order-1", "{\"n\":6}");
        server.append("order-2", "{\"n\":6}");
        long live2 = server.append("order-1", "{\"n\":7}");

        List<String> got = frames.get(20, TimeUnit.SECONDS);
        response.body().close();
        assertThat(got).containsExactly(
            "id: 7|data: 7",
            "id: 9|data: 9",
            "id: " + live1 + "|data: " + live1,
            "id: " + live2 + "|data: " + live2);
    }

    @Test
    void theGlobalRouteStartsAtFromSeqAndSendsKeepAliveCommentsWhenIdle() throws Exception {
        server.append("a", "{}");
        server.append("b", "{}");
        try (RawSseClient client = RawSseClient.connect(server.port(), "/v1/events/subscribe?fromSeq=2", null)) {
            assertThat(client.status).isEqualTo(200);
            RawSseClient.Frame first = client.next();
            assertThat(first.seq()).isEqualTo(2);
            assertThat(first.data()).startsWith("{\"seq\":2,\"streamId\":\"b\",\"entityType\":\"order\"");
            RawSseClient.Frame comment = client.nextIncludingComments();
            assertThat(comment.data()).isEqualTo(": keep-alive");
            long third = server.append("c", "{}");
            assertThat(client.next().seq()).isEqualTo(third);
        }
    }

    @Test
    void aClientResumingWithLastEventIdLosesNothingAndGetsNothingTwiceWhileAppendsContinue() throws Exception {
        int total = 600;
        CountDownLatch subscribed = new CountDownLatch(1);
        Thread appender = new Thread(() -> {
            awaitQuietly(subscribed);
            for (int i = 0; i < total; i++) {
                server.append(i % 3 == 0 ? "order-1" : "order-2", "{\"i\":" + i + "}");
            }
        });
        appender.start();
        List<Long> seen = new ArrayList<>();
        try (RawSseClient first = RawSseClient.connect(server.port(), "/v1/events/subscribe?fromSeq=1", null)) {
            subscribed.countDown();
            while (seen.size() < total / 4) {
                seen.add(first.next().seq());
            }
        }
        String lastId = Long.toString(seen.get(seen.size() - 1));
        try (RawSseClient second = RawSseClient.connect(server.port(), "/v1/events/subscribe", lastId)) {
            while (seen.get(seen.size() - 1) < total) {
                seen.add(second.next().seq());
            }
        }
        appender.join(20_000);
        Set<Long> distinct = new HashSet<>(seen);
        assertThat(distinct).hasSize(seen.size()).hasSize(total);
        assertThat(seen).isSorted();
    }

    @Test
    void aStreamClientResumingWithLastEventIdGetsTheRestOfItsStreamOnly() throws Exception {
        long a1 = server.append("order-1", "{}");
        server.append("order-2", "{}");
        long a2 = server.append("order-1", "{}");
        long a3 = server.append("order-1", "{}");
        try (RawSseClient client = RawSseClient.connect(server.port(), "/v1/streams/order-1/subscribe?replay=3",
            Long.toString(a1))) {
            assertThat(client.next().seq()).isEqualTo(a2);
            assertThat(client.next().seq()).isEqualTo(a3);
        }
    }

    @Test
    void aClientResumingWithTheLastEventIdInTheQueryAsPolyfillsSendItGetsTheRestTheHeaderWinning() throws Exception {
        long a1 = server.append("order-1", "{}");
        server.append("order-2", "{}");
        long a2 = server.append("order-1", "{}");
        long a3 = server.append("order-1", "{}");
        try (RawSseClient client = RawSseClient.connect(server.port(),
            "/v1/streams/order-1/subscribe?replay=3&lastEventId=" + a1, null)) {
            assertThat(client.next().seq()).isEqualTo(a2);
            assertThat(client.next().seq()).isEqualTo(a3);
        }
        try (RawSseClient client = RawSseClient.connect(server.port(), "/v1/events/subscribe?lastEventId=" + a1,
            Long.toString(a2))) {
            assertThat(client.next().seq()).as("the header wins").isEqualTo(a3);
        }
    }

    @Test
    void aClientThatNeverReadsIsDroppedWithTheReasonWhileAFastClientAndAppendsGoOn() throws Exception {
        String payload = "{\"pad\":\"" + "x".repeat(2000) + "\"}";
        AtomicLong last = new AtomicLong(Long.MAX_VALUE);
        try (RawSseClient slow = RawSseClient.connect(server.port(), "/v1/events/subscribe", null, 4096);
             RawSseClient fast = RawSseClient.connect(server.port(), "/v1/events/subscribe", null)) {
            CompletableFuture<Long> fastLast = CompletableFuture.supplyAsync(() -> readUpTo(fast, last));
            awaitOpen(2);
            // appends go on until the server drops the client that never reads: how many that takes depends on the
            // kernel's socket buffers, which grow by themselves (a fixed 1,500 left it undropped on a loaded machine,
            // and the test then waited on its heartbeats for ever)
            long appended = 0;
            while (server.sse.openSubscriptions() == 2 && appended < MAX_APPENDS_TO_DROP) {
                server.append("order-" + (appended % 10), payload);
                appended++;
            }
            // the events reach the subscriptions on their own thread, which a loaded machine runs late: the drop may
            // follow the last append (a clean-clone run had all 20,000 appended before it)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.sse.openSubscriptions() == 2 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertThat(server.sse.openSubscriptions()).as("subscriptions after %d appends", appended).isEqualTo(1);
            // one more event, so that a fast client already waiting for the next event gets its last
            last.set(appended + 1);
            server.append("order-0", payload);
            assertThat(server.log.headSeq()).isEqualTo(appended + 1);
            assertThat(fastLast.get(30, TimeUnit.SECONDS)).isEqualTo(appended + 1);

            String rest = slow.rest();
            assertThat(rest).contains("event: error\ndata: {\"error\":\"slow consumer: more than 16 events");
            assertThat(rest).contains("reconnect with Last-Event-ID\",\"code\":\"slow_consumer\"}");
            assertThat(rest).endsWith("\n\n");
        }
    }

    @Test
    void badParametersAreAnsweredWith400NamingTheValue() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertBadRequest(http, "/v1/streams/order-1/subscribe?replay=-3", null,
            "replay must be a whole number from 0 to 9223372036854775806, was '-3'");
        assertBadRequest(http, "/v1/events/subscribe?fromSeq=abc", null,
            "fromSeq must be a whole number from 0 to 9223372036854775806, was 'abc'");
        assertBadRequest(http, "/v1/events/subscribe", "x7",
            "Last-Event-ID must be a whole number from 0 to 9223372036854775806, was 'x7'");
        // a seq with no successor: refused, and the message says where the range ends (it said ">= 0")
        assertBadRequest(http, "/v1/events/subscribe?fromSeq=9223372036854775807", null,
            "fromSeq must be a whole number from 0 to 9223372036854775806, was '9223372036854775807'");
        assertBadRequest(http, "/v1/events/subscribe?lastEventId=-1", null,
            "lastEventId must be a whole number from 0 to 9223372036854775806, was '-1'");
        // with a Last-Event-ID, which wins, a bad one was taken unread (200)
        assertBadRequest(http, "/v1/events/subscribe?fromSeq=abc", "14",
            "fromSeq must be a whole number from 0 to 9223372036854775806, was 'abc'");
        assertBadRequest(http, "/v1/streams/order-1/subscribe?replay=abc", "14",
            "replay must be a whole number from 0 to 9223372036854775806, was 'abc'");
        // Long.parseLong's digits of every script and its plus sign: an Arabic-Indic 5 resumed after seq 5
        assertBadRequest(http, "/v1/events/subscribe?lastEventId=%D9%A5", null,
            "lastEventId must be a whole number from 0 to 9223372036854775806, was '\u0665'");
        assertBadRequest(http, "/v1/events/subscribe?fromSeq=%EF%BC%93", null,
            "fromSeq must be a whole number from 0 to 9223372036854775806, was '\uff13'");
        assertBadRequest(http, "/v1/events/subscribe?fromSeq=%2B7", null,
            "fromSeq must be a whole number from 0 to 9223372036854775806, was '+7'");
        assertBadRequest(http, "/v1/events/subscribe", "+5",
            "Last-Event-ID must be a whole number from 0 to 9223372036854775806, was '+5'");
        assertThat(server.sse.openSubscriptions()).isZero();
    }

    /** As the read routes: which of two values would be the client's? Taking the first answered as if obeyed. */
    @Test
    void aParameterOrLastEventIdGivenTwiceIsAnswered400() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertBadRequest(http, "/v1/events/subscribe?fromSeq=1&fromSeq=2", null,
            "query parameter fromSeq is given 2 times");
        assertBadRequest(http, "/v1/streams/order-1/subscribe?replay=1&replay=5", null,
            "query parameter replay is given 2 times");
        assertBadRequest(http, "/v1/events/subscribe?lastEventId=4&lastEventId=1", null,
            "query parameter lastEventId is given 2 times");
        assertBadRequest(http, "/v1/events/subscribe?fromSeq=&fromSeq=5", null,
            "query parameter fromSeq is given 2 times"); // the empty one first: it started from now
        HttpResponse<String> twoHeaders = http.send(HttpRequest.newBuilder(uri("/v1/events/subscribe"))
            .header("Last-Event-ID", "4").header("Last-Event-ID", "1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(twoHeaders.statusCode()).isEqualTo(400);
        assertThat(twoHeaders.body()).contains("Last-Event-ID is given 2 times; send it once");
        assertThat(server.sse.openSubscriptions()).isZero();
    }

    @Test
    void aFaultBeforeTheStreamStartsIsAnswered500WithoutTheExceptionsName() throws Exception {
        server.append("order-1", "{}");
        server.log.close(); // reading where to start now fails

        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(uri("/v1/streams/order-1/subscribe?replay=1")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
            .isEqualTo("{\"error\":\"internal error: the server's log has the details\",\"code\":\"internal\"}");
    }

    /** It stayed open with heartbeats and no events, which a client could not tell from a quiet log. */
    @Test
    void aSubscriptionWhoseLogReadFailsTellsTheClientAndCloses() throws Exception {
        server.append("order-1", "{}");
        try (RawSseClient client = RawSseClient.connect(server.port(), "/v1/events/subscribe?fromSeq=1", null)) {
            assertThat(client.next().seq()).isEqualTo(1);
            awaitOpen(1);

            server.log.close(); // the subscription's next read of the log fails

            String rest = client.rest();
            assertThat(rest).contains("event: error\ndata: {\"error\":\"delivery stopped: the server could not read "
                + "the log (its log has the details); reconnect with Last-Event-ID\",\"code\":\"internal\"}");
            assertThat(rest).doesNotContain("Exception");
        }
        awaitOpen(0);
    }

    @Test
    void aClientThatHangsUpReleasesItsLogSubscription() throws Exception {
        server.append("order-1", "{}");
        Set<Thread> before = subscriptionThreads();
        Set<Thread> mine;
        String path = "/v1/streams/order-1/subscribe?replay=1";
        try (RawSseClient client = RawSseClient.connect(server.port(), path, null)) {
            assertThat(client.next().seq()).isEqualTo(1);
            assertThat(server.sse.openSubscriptions()).isEqualTo(1);
            mine = subscriptionThreads();
            mine.removeAll(before);
            assertThat(mine).hasSize(1);
        }
        // the heartbeat's write to the closed socket fails, which closes the connection and the subscription
        awaitOpen(0);
        for (Thread t : mine) {
            t.join(20_000);
            assertThat(t.isAlive()).as("log subscription thread %s", t.getName()).isFalse();
        }
    }

    /**
     * With no heartbeat for an hour, only the connection's read can tell: the subscription and its thread were held
     * until a write failed, the heartbeat after next (15-30 s with the defaults: thousands of them for a client that
     * connects and leaves in a loop).
     */
    @Test
    void aClientThatHangsUpIsLetGoWithoutWaitingForAWrite() throws Exception {
        server.close();
        server = new SseServer(dir, TEST_SETTINGS.withHeartbeatMillis(3_600_000));
        server.append("order-1", "{}");
        for (int i = 0; i < 3; i++) {
            try (RawSseClient client = RawSseClient.connect(server.port(), "/v1/events/subscribe?fromSeq=1", null)) {
                assertThat(client.next().seq()).isEqualTo(1);
                awaitOpen(1);
            }
            awaitOpen(0);
        }
    }

    /** A client that shuts its sending side after the request still reads: it was taken for gone and cut. */
    @Test
    void aClientThatOnlyStopsSendingKeepsItsStream() throws Exception {
        server.close();
        server = new SseServer(dir, TEST_SETTINGS.withHeartbeatMillis(3_600_000));
        server.append("order-1", "{}");
        try (RawSseClient client = RawSseClient.connect(server.port(), "/v1/events/subscribe?fromSeq=1", null)) {
            client.shutdownOutput();
            assertThat(client.next().seq()).isEqualTo(1);
            long second = server.append("order-1", "{}");
            assertThat(client.next().seq()).as("after the heartbeats that probe the client").isEqualTo(second);
            long third = server.append("order-1", "{}");
            assertThat(client.next().seq()).isEqualTo(third);
            assertThat(server.sse.openSubscriptions()).isEqualTo(1);
        } // gone for good now: noticed at the writes after (with no reads left to watch), as without the watch
    }

    /**
     * A request sent after a subscribe on its connection was never answered (a stream does not end), and the
     * connection could not be watched for a hang-up: the subscription was held for good, 256 of them a key's all.
     */
    @Test
    void aSubscribeWithARequestPipelinedAfterItIsAnswered400() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(20_000);
            String subscribe = "GET /v1/events/subscribe HTTP/1.1\r\nHost: x\r\n\r\n";
            socket.getOutputStream().write((subscribe + subscribe).getBytes(StandardCharsets.US_ASCII)); // one packet
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400 ").endsWith("{\"error\":\"a subscription holds its "
                + "connection to the end: send no request after it on the same connection (no pipelining); use "
                + "another connection\",\"code\":\"bad_request\"}");
        }
        assertThat(server.sse.openSubscriptions()).isZero();
    }

    /** Each subscription holds a thread: one key could make them faster than they were let go. */
    @Test
    void aKeyHoldingItsLimitOfSubscriptionsIsAnswered429UntilOneCloses() throws Exception {
        server.close();
        server = new SseServer(dir, TEST_SETTINGS.withMaxPerKey(2));
        try (RawSseClient first = RawSseClient.connect(server.port(), "/v1/events/subscribe", null);
             RawSseClient second = RawSseClient.connect(server.port(), "/v1/streams/order-1/subscribe", null)) {
            assertThat(first.status).isEqualTo(200);
            assertThat(second.status).isEqualTo(200);
            HttpResponse<InputStream> third = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri("/v1/events/subscribe")).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = third.body()) {
                assertThat(third.statusCode()).isEqualTo(429); // before the body: a stream (200) would never end
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"too many "
                    + "subscriptions: this API key holds 2 open, the limit; close one first\","
                    + "\"code\":\"too_many_subscriptions\"}");
            }
            awaitOpen(2);
        }
        awaitOpen(0);
        try (RawSseClient again = RawSseClient.connect(server.port(), "/v1/events/subscribe", null)) {
            assertThat(again.status).isEqualTo(200);
        }
    }

    /**
     * A start past the log's next seq skipped, with nothing said, the events up to it when they came: a last id from
     * another server, or from before the log was restored from an older backup.
     */
    @Test
    void aStartBeyondTheLogsNextEventIsAnswered400() throws Exception {
        server.append("order-1", "{}");
        server.append("order-1", "{}");
        HttpClient http = HttpClient.newHttpClient();
        String beyond = " is beyond this log, whose last seq is 2: events it has not written yet would be skipped; "
            + "resume from at most seq 3 (Last-Event-ID 2)";
        assertBadRequest(http, "/v1/events/subscribe?fromSeq=4", null, "fromSeq 4" + beyond);
        assertBadRequest(http, "/v1/events/subscribe", "3", "Last-Event-ID 3" + beyond);
        assertBadRequest(http, "/v1/streams/order-1/subscribe?replay=1", "7", "Last-Event-ID 7" + beyond);
        assertBadRequest(http, "/v1/events/subscribe?lastEventId=9", null, "Last-Event-ID 9" + beyond);
        // a bad id in the query is refused when the header (which wins) comes too: it was taken unread
        assertBadRequest(http, "/v1/events/subscribe?lastEventId=x", "1",
            "lastEventId must be a whole number from 0 to 9223372036854775806, was 'x'");
        try (RawSseClient next = RawSseClient.connect(server.port(), "/v1/events/subscribe?fromSeq=3", null);
             RawSseClient resumed = RawSseClient.connect(server.port(), "/v1/events/subscribe", "2")) {
            assertThat(next.status).isEqualTo(200);
            assertThat(resumed.status).isEqualTo(200);
            long third = server.append("order-1", "{}");
            assertThat(next.next().seq()).isEqualTo(third);
            assertThat(resumed.next().seq()).isEqualTo(third);
        }
    }

    private void assertBadRequest(HttpClient http, String path, String lastEventId, String message)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(400); // before the body: a stream (200) would never end
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"" + message + "\",\"code\":\"bad_request\"}");
        }
    }

    private void awaitOpen(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.sse.openSubscriptions() != count && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling a gauge, not synchronising: the deadline bounds it
        }
        assertThat(server.sse.openSubscriptions()).isEqualTo(count);
    }

    private static Set<Thread> subscriptionThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("hindsight-subscription-")) {
                threads.add(t);
            }
        }
        return threads;
    }

    private static long readUpTo(RawSseClient client, AtomicLong lastSeq) {
        try {
            long seq = 0;
            while (seq < lastSeq.get()) {
                RawSseClient.Frame f = client.next();
                if (f != null && f.id() == null && f.event() == null) {
                    continue; // a heartbeat comment
                }
                if (f == null || f.id() == null) {
                    throw new AssertionError("fast client cut off after seq " + seq + ": " + f);
                }
                seq = f.seq();
            }
            return seq;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code n} frames, each as "id: S|data: S" (the seq field of the data's JSON). */
    private static List<String> readFrames(Iterator<String> lines, int n) {
        List<String> frames = new ArrayList<>();
        String id = null;
        while (frames.size() < n && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("data: ")) {
                String seq = line.substring("data: {\"seq\":".length(), line.indexOf(','));
                frames.add("id: " + id + "|data: " + seq);
            }
        }
        return frames;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
