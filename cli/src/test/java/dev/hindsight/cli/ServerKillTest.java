package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code hindsight serve} in the middle of HTTP appends from several clients, repeated: after each
 * restart every acknowledged ({@code 201}) event is there with its seq, version and event id, every stream's versions
 * are 1..n, the seqs are 1..head, nothing a client was refused ({@code 4xx}) is there, and a retry with the
 * {@code Idempotency-Key} of an append acknowledged before the kill answers the same and writes nothing.
 *
 * <p>Cycles: {@code -Dhindsight.serverKillCycles=N} (default 3); seed: {@code -Dhindsight.serverKill.seed=S}, printed.
 */
@Tag("slow")
class ServerKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 6;
    private static final int SHARED_STREAMS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** One acknowledged event: the request's token and the event's index in it, and what the server answered. */
    record Ack(String token, int index, String streamId, String eventId, long seq, long version) {
    }

    /** An acknowledged append that carried an {@code Idempotency-Key}: what to send again, and the first answer. */
    record KeyedAppend(String key, String streamId, String body, JsonNode answer) {
    }

    /** What the clients of every cycle learnt. */
    static final class Ledger {
        final Map<Long, Ack> acked = new ConcurrentHashMap<>();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final Queue<KeyedAppend> keyed = new ConcurrentLinkedQueue<>();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final Set<String> streams = ConcurrentHashMap.newKeySet();
    }

    @Test
    void everyAcknowledgedAppendSurvivesRepeatedKillsOfTheServerAndVersionsStayGapless() throws Exception {
        long seed = Long.getLong("hindsight.serverKill.seed", System.nanoTime());
        int cycles = Integer.getInteger("hindsight.serverKillCycles", 3);
        System.out.println("ServerKillTest: seed=" + seed + " cycles=" + cycles
            + " (-Dhindsight.serverKill.seed, -Dhindsight.serverKillCycles)");
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        Ledger ledger = new Ledger();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            ServeProcess server = ServeProcess.start(data, dir, "serve-" + cycle);
            try {
                if (cycle > 1) {
                    checkLog(server, ledger, "seed=" + seed + " after kill " + (cycle - 1));
                    retryKeyedAppends(server, ledger, random, "seed=" + seed + " after kill " + (cycle - 1));
                }
                runClientsAndKill(server, ledger, seed, cycle, 20 + random.nextInt(300));
            } finally {
                server.destroyIfAlive();
            }
        }
        ServeProcess last = ServeProcess.start(data, dir, "serve-last");
        try {
            checkLog(last, ledger, "seed=" + seed + " after the last kill");
            retryKeyedAppends(last, ledger, random, "seed=" + seed + " after the last kill");
            last.stop();
            assertThat(last.stderr()).contains("stopped");
        } finally {
            last.destroyIfAlive();
        }
        Cli.Result verify = Cli.run("verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).as("seed=%d verify: %s", seed, verify.err()).isZero();
        assertThat(ledger.acked).as("seed=%d", seed).hasSizeGreaterThanOrEqualTo(20 * cycles);
    }

    /** Runs the clients until {@code killAfter} appends were acknowledged, then kills the server under them. */
    private static void runClientsAndKill(ServeProcess server, Ledger ledger, long seed, int cycle, int killAfter)
            throws Exception {
        HttpClient http = client();
        CountDownLatch acknowledged = new CountDownLatch(killAfter);
        AtomicBoolean killing = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Client client = new Client(server.url(), http, ledger, new Random(seed * 31 + cycle * 1_000_003L + c), c,
                cycle, acknowledged, killing);
            threads.add(new Thread(client, "client-" + c));
        }
        threads.forEach(Thread::start);
        boolean reached = acknowledged.await(120, TimeUnit.SECONDS);
        killing.set(true);
        server.kill();
        for (Thread t : threads) {
            t.join(TIMEOUT.toMillis() * 2);
            assertThat(t.isAlive()).as("%s still runs after the kill", t.getName()).isFalse();
        }
        assertThat(ledger.failures).as("cycle %d, seed %d: unexpected answers", cycle, seed).isEmpty();
        assertThat(reached).as("cycle %d, seed %d: %d appends acknowledged in time", cycle, seed, killAfter).isTrue();
    }

    /** One client: appends to its own stream (guarded, never conflicts) and to shared ones (guarded or not). */
    private static final class Client implements Runnable {
        private final String url;
        private final HttpClient http;
        private final Ledger ledger;
        private final Random random;
        private final int id;
        private final int cycle;
        private final CountDownLatch acknowledged;
        private final AtomicBoolean killing;
        private long ownVersion;
        private int requests;

        Client(String url, HttpClient http, Ledger ledger, Random random, int id, int cycle,
               CountDownLatch acknowledged, AtomicBoolean killing) {
            this.url = url;
            this.http = http;
            this.ledger = ledger;
            this.random = random;
            this.id = id;
            this.cycle = cycle;
            this.acknowledged = acknowledged;
            this.killing = killing;
        }

        @Override
        public void run() {
            try {
                // an append in flight at the last kill may or may not be in the log: ask
                ownVersion = streamVersion(http, url, own(), ledger);
                while (!Thread.currentThread().isInterrupted()) {
                    append();
                }
            } catch (IOException e) {
                if (!killing.get()) {
                    ledger.failures.add("client " + id + ": " + e);
                }
                // else the server died under this request: its outcome is unknown, and either is fine
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | AssertionError e) {
                ledger.failures.add("client " + id + ": " + e);
            }
        }

        private String own() {
            return "own-" + id;
        }

        private void append() throws IOException, InterruptedException {
            boolean first = requests == 0;
            String token = "c" + id + "-" + cycle + "-" + requests++;
            int kind = random.nextInt(10);
            String stream = kind < 4 ? own() : "shared-" + random.nextInt(SHARED_STREAMS);
            long guard = kind < 4 ? ownVersion : kind < 8 ? streamVersion(http, url, stream, ledger) : -1;
            int count = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
            boolean invalid = random.nextInt(20) == 0;
            String body = body(token, count, guard, invalid);
            String key = first || random.nextInt(4) == 0 ? "key-" + token : null;
            ledger.streams.add(stream);
            HttpResponse<String> response = post(http, url, stream, body, key);
            int status = response.statusCode();
            if (status == 201) {
                JsonNode answer = JSON.readTree(response.body());
                record(token, stream, count, guard, invalid, answer);
                if (key != null) {
                    ledger.keyed.add(new KeyedAppend(key, stream, body, answer));
                }
                acknowledged.countDown();
                return;
            }
            ledger.refused.add(token);
            boolean expected = (status == 409 && stream.startsWith("shared-")) || (status == 400 && invalid);
            if (!expected) {
                ledger.failures.add("client " + id + " " + token + " to " + stream + " (guard " + guard + ", "
                    + (invalid ? "invalid" : "valid") + "): " + status + " " + response.body());
            }
        }

        private void record(String token, String stream, int count, long guard, boolean invalid, JsonNode answer) {
            if (invalid || answer.size() != count) {
                ledger.failures.add("client " + id + " " + token + ": 201 for " + count + " events"
                    + (invalid ? " one of them invalid" : "") + ": " + answer);
                return;
            }
            for (int i = 0; i < count; i++) {
                JsonNode a = answer.get(i);
                Ack ack = new Ack(token, i, stream, a.path("eventId").asText(), a.path("seq").asLong(),
                    a.path("version").asLong());
                if (ledger.acked.putIfAbsent(ack.seq(), ack) != null) {
                    ledger.failures.add("seq " + ack.seq() + " acknowledged twice: " + ack + " and "
                        + ledger.acked.get(ack.seq()));
                }
                if (guard >= 0 && ack.version() != guard + i + 1) {
                    ledger.failures.add(token + " guarded at " + guard + " got version " + ack.version());
                }
            }
            if (stream.equals(own())) {
                ownVersion = answer.get(count - 1).path("version").asLong();
            }
        }
    }

    /** The array body of an append; each event guarded as if the ones before it were appended; maybe a bad one. */
    private static String body(String token, int count, long guard, boolean invalid) {
        ArrayNode events = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode e = events.addObject().put("entityType", "thing").put("name", "thing.happened");
            e.putObject("data").put("token", token).put("i", i);
            if (guard >= 0) {
                e.put("expectedVersion", guard + i);
            }
        }
        if (invalid) {
            events.addObject().put("entityType", "thing").put("name", "thing.happened").put("data", "not an object");
        }
        return events.toString();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .build();
    }

    private static HttpResponse<String> post(HttpClient http, String url, String stream, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/v1/streams/" + encode(stream) + "/events"))
            .timeout(TIMEOUT).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(HttpClient http, String url, String path, int... statuses)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
        for (int s : statuses) {
            if (r.statusCode() == s) {
                return JSON.readTree(r.body());
            }
        }
        throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
    }

    /** The stream's version: 0 when it has no events. */
    private static long streamVersion(HttpClient http, String url, String stream, Ledger ledger)
            throws IOException, InterruptedException {
        JsonNode s = get(http, url, "/v1/streams/" + encode(stream), 200, 404);
        if (s.has("code")) {
            return 0;
        }
        if (!stream.equals(s.path("streamId").asText())) {
            ledger.failures.add("GET /v1/streams/" + stream + " answered " + s);
        }
        return s.path("version").asLong();
    }

    private static String encode(String stream) {
        return URLEncoder.encode(stream, StandardCharsets.UTF_8);
    }

    private static long headSeq(HttpClient http, String url) throws IOException, InterruptedException {
        return get(http, url, "/health", 200).path("headSeq").asLong();
    }

    /** The whole log through pages of {@code GET /v1/events}. */
    private static List<JsonNode> readLog(HttpClient http, String url) throws IOException, InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            JsonNode page = get(http, url, "/v1/events?fromSeq=" + (events.size() + 1) + "&limit=1000", 200);
            if (page.isEmpty()) {
                return events;
            }
            page.forEach(events::add);
        }
    }

    /** Every acknowledged event as answered, nothing refused, nothing twice, seqs and versions without gaps. */
    private static void checkLog(ServeProcess server, Ledger ledger, String context)
            throws IOException, InterruptedException {
        HttpClient http = client();
        long head = headSeq(http, server.url());
        List<JsonNode> events = readLog(http, server.url());
        assertThat(events).as("%s: events read up to the head", context).hasSize((int) head);
        Map<String, Long> versions = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String stream = e.path("streamId").asText();
            String token = e.path("data").path("token").asText();
            assertThat(e.path("seq").asLong()).as("%s: seqs are dense", context).isEqualTo(i + 1L);
            long previous = versions.getOrDefault(stream, 0L);
            assertThat(e.path("version").asLong()).as("%s: %s's versions are gapless at seq %d", context, stream,
                i + 1).isEqualTo(previous + 1);
            versions.put(stream, previous + 1);
            assertThat(ledger.refused).as("%s: seq %d belongs to a refused append", context, i + 1)
                .doesNotContain(token);
            assertThat(seen.add(token + "/" + e.path("data").path("i").asInt()))
                .as("%s: %s written twice (again at seq %d)", context, token, i + 1).isTrue();
        }
        for (Ack ack : ledger.acked.values()) {
            assertThat(ack.seq()).as("%s: acknowledged %s is within the log", context, ack).isBetween(1L, head);
            JsonNode e = events.get((int) ack.seq() - 1);
            assertThat(List.of(e.path("eventId").asText(), e.path("streamId").asText(), e.path("version").asLong(),
                    e.path("data").path("token").asText(), e.path("data").path("i").asInt()))
                .as("%s: the acknowledged event at seq %d", context, ack.seq())
                .containsExactly(ack.eventId(), ack.streamId(), ack.version(), ack.token(), ack.index());
        }
        for (String stream : ledger.streams) {
            long version = versions.getOrDefault(stream, 0L);
            assertThat(streamVersion(http, server.url(), stream, ledger)).as("%s: version of %s", context, stream)
                .isEqualTo(version);
        }
    }

    /** Retries of acknowledged keyed appends (some from before the kill) answer as first and write nothing. */
    private static void retryKeyedAppends(ServeProcess server, Ledger ledger, Random random, String context)
            throws IOException, InterruptedException {
        List<KeyedAppend> keyed = new ArrayList<>(ledger.keyed);
        assertThat(keyed).as("%s: some keyed appends were acknowledged", context).isNotEmpty();
        HttpClient http = client();
        long head = headSeq(http, server.url());
        for (int i = 0; i < 5; i++) {
            KeyedAppend k = keyed.get(random.nextInt(keyed.size()));
            HttpResponse<String> again = post(http, server.url(), k.streamId(), k.body(), k.key());
            assertThat(again.statusCode()).as("%s: retry of %s: %s", context, k.key(), again.body()).isEqualTo(201);
            assertThat(JSON.readTree(again.body())).as("%s: retry of %s", context, k.key()).isEqualTo(k.answer());
        }
        assertThat(headSeq(http, server.url())).as("%s: retries wrote nothing", context).isEqualTo(head);
    }
}
