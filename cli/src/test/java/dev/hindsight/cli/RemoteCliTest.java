package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hindsight.http.HindsightServer;
import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.http.auth.Role;
import dev.hindsight.http.server.ServerConfig;
import dev.hindsight.testkit.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code append}, {@code import} and {@code export} with {@code --url} against a real server in this JVM (port 0,
 * over a log in a temporary directory), and with {@code HINDSIGHT_API_KEY} against a server with keys (in a child
 * JVM, whose environment a test can set).
 */
class RemoteCliTest {

    /** Numbers compared by value at full precision (10.50 equals 10.5; a lost digit does not). */
    private static final ObjectMapper EXACT = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final String WRITE_KEY = "write-key-0123456789";
    private static final String READ_KEY = "read-key-0123456789";

    @TempDir
    Path dir;

    private int children;

    @Test
    void appendThroughAServerPrintsSeqAndVersionAndAGuardConflictExitsWith3() throws Exception {
        try (HindsightServer server = start(dir.resolve("data"), ApiKeys.none())) {
            String url = url(server);
            Cli.Result first = Cli.run("append", "order-1", "order.placed", "--data", "{\"total\":1}",
                "--expected-version", "0", "--url", url);
            Cli.Result second = Cli.run("append", "order-1", "order.paid", "--data", "{\"amount\": 1.50}",
                "--metadata", "{\"by\":\"cli\"}", "--schema-version", "2", "--expected-version", "1", "--url",
                url + "/");
            Cli.Result conflict = Cli.run("append", "order-1", "order.paid", "--data", "{}", "--expected-version", "1",
                "--url", url);
            Cli.Result other = Cli.run("append", "customer-7", "customer.joined", "--data", "{}", "--type", "client",
                "--url", url);
            List<JsonNode> log = parse(Cli.run("export", "--url", url).lines());

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo("seq=1 version=1\n");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).isEqualTo("seq=2 version=2\n");
            assertThat(conflict.exitCode()).isEqualTo(ExitCode.CONFLICT);
            assertThat(conflict.err()).startsWith("error: version conflict on stream 'order-1'");
            assertThat(conflict.out()).isEmpty();
            assertThat(other.out()).isEqualTo("seq=3 version=1\n");
            assertThat(log).hasSize(3);
            assertThat(log.get(1).toString()).contains("\"name\":\"order.paid\"", "\"entityType\":\"order\"",
                "\"schemaVersion\":2", "\"source\":\"http\"", "\"metadata\":{\"by\":\"cli\"}");
            assertThat(log.get(1).get("data")).isEqualTo(EXACT.readTree("{\"amount\":1.5}"));
            assertThat(log.get(2).get("entityType").asText()).isEqualTo("client");
        }
    }

    /**
     * The answer to an append lost after the server appended it: the command sent it again with the same
     * Idempotency-Key, and the server answered with the first result. It said "error" of an appended event, and a
     * script retrying it appended it twice.
     */
    @Test
    void givenALostAnswer_whenAppendingThroughAServer_thenItIsSentAgainWithItsKeyAndAppendedOnce() throws Exception {
        try (HindsightServer server = start(dir.resolve("data"), ApiKeys.none());
             AnswerDroppingProxy proxy = new AnswerDroppingProxy(server.port(), 1)) {
            Cli.Result r = Cli.run("append", "order-1", "order.placed", "--data", "{}", "--url",
                "http://127.0.0.1:" + proxy.port());

            assertThat(proxy.answersDropped()).isEqualTo(1);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo("seq=1 version=1");
            assertThat(server.context().log().headSeq()).as("appended once").isEqualTo(1);
        }
    }

    /** An import whose request's answer is lost says the server may hold its lines: it said "imported 0 before". */
    @Test
    void givenALostAnswer_whenImportingThroughAServer_thenItSaysWhetherTheLinesWereAppendedIsNotKnown()
            throws Exception {
        Path file = writeEvents(dir.resolve("in.jsonl"), 20, false);
        try (HindsightServer server = start(dir.resolve("data"), ApiKeys.none());
             AnswerDroppingProxy proxy = new AnswerDroppingProxy(server.port(), Integer.MAX_VALUE)) {
            Cli.Result r = Cli.run("import", file.toString(), "--url", "http://127.0.0.1:" + proxy.port());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("whether the server appended these lines is not known",
                "imported 0 events before them");
            assertThat(server.context().log().headSeq()).as("the server holds them").isPositive();
        }
    }

    @Test
    void exportThroughAServerEqualsTheExportOfItsDataDirectoryLineByLine() throws Exception {
        Path data = dir.resolve("data");
        // imported directly, so the log holds data and metadata exactly as written (spaces, 10.50, 30 digits)
        Path file = writeEvents(dir.resolve("events.jsonl"), 2_500, true);
        Cli.Result imported = Cli.run("import", file.toString(), "--data-dir", data.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        List<String> remote;
        List<String> remoteFrom;
        try (HindsightServer server = start(data, ApiKeys.none())) {
            Cli.Result export = Cli.run("export", "--url", url(server));
            assertThat(export.exitCode()).as(export.err()).isZero();
            assertThat(export.err()).contains("exported 2500 events");
            remote = export.lines();
            remoteFrom = Cli.run("export", "--from-seq", "1234", "--url", url(server)).lines();
        }
        List<String> local = Cli.run("export", "--data-dir", data.toString()).lines();
        List<String> localFrom = Cli.run("export", "--from-seq", "1234", "--data-dir", data.toString()).lines();

        assertThat(remote).hasSize(2_500);
        assertThat(parse(remote)).isEqualTo(parse(local));
        assertThat(remote).as("the text of data and metadata as stored, not re-encoded").isEqualTo(local);
        assertThat(remoteFrom).hasSize(2_500 - 1233);
        assertThat(parse(remoteFrom)).isEqualTo(parse(localFrom));
        assertThat(remoteFrom).isEqualTo(localFrom);
    }

    @Test
    void importThroughAServerReproducesAnExportedLogAndASecondImportConflictsNamingTheLine() throws Exception {
        Path source = dir.resolve("source");
        Path file = writeEvents(dir.resolve("events.jsonl"), 700, false);
        assertThat(Cli.run("import", file.toString(), "--data-dir", source.toString()).exitCode()).isZero();
        Path exported = dir.resolve("exported.jsonl");
        Files.writeString(exported, Cli.run("export", "--data-dir", source.toString()).out(), StandardCharsets.UTF_8);
        List<JsonNode> original = parse(Files.readAllLines(exported, StandardCharsets.UTF_8));

        try (HindsightServer server = start(dir.resolve("data"), ApiKeys.none())) {
            String url = url(server);
            Cli.Result imported = Cli.run("import", exported.toString(), "--url", url);
            Cli.Result again = Cli.run("import", exported.toString(), "--url", url);
            List<JsonNode> copy = parse(Cli.run("export", "--url", url).lines());

            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.err()).contains("imported 700 events");
            assertThat(copy).hasSize(700);
            for (int i = 0; i < copy.size(); i++) {
                for (String field : List.of("seq", "streamId", "entityType", "version", "name", "schemaVersion",
                    "data", "metadata")) {
                    assertThat(copy.get(i).get(field)).as("line %d %s", i + 1, field)
                        .isEqualTo(original.get(i).get(field));
                }
                assertThat(copy.get(i).get("source").asText()).isEqualTo("http");
            }
            assertThat(again.exitCode()).isEqualTo(ExitCode.CONFLICT);
            assertThat(again.err()).containsPattern("lines? 1\\b").contains("version conflict")
                .contains("imported 0 events before the error");
            assertThat(Cli.run("export", "--from-seq", "701", "--url", url).lines()).isEmpty();
        }
    }

    /** It was exit 1, and the lines before it were never sent. */
    @Test
    void importThroughAServerOfALineOverTheLimitExitsWith2AndKeepsTheLinesBeforeIt() throws Exception {
        Path file = dir.resolve("long.jsonl");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"streamId\":\"g-1\",\"entityType\":\"g\",\"name\":\"x\",\"data\":{}}\n");
            char[] chunk = new char[1 << 20];
            Arrays.fill(chunk, 'x');
            for (int i = 0; i <= 64; i++) { // one byte more than 64 MiB, the reader's limit
                out.write(chunk);
            }
            out.write("\n");
        }
        try (HindsightServer server = start(dir.resolve("data"), ApiKeys.none())) {
            Cli.Result imported = Cli.run("import", file.toString(), "--url", url(server));

            assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCode.USAGE);
            assertThat(imported.err()).contains("line 2").contains("imported 1 events before the error");
            assertThat(Cli.run("export", "--url", url(server)).lines()).hasSize(1);
        }
    }

    @Test
    void importThroughAServerKeepsNumbersBeyondADoubleExactly() throws Exception {
        Path file = writeEvents(dir.resolve("events.jsonl"), 1, true);
        try (HindsightServer server = start(dir.resolve("data"), ApiKeys.none())) {
            assertThat(Cli.run("import", file.toString(), "--url", url(server)).exitCode()).isZero();
            List<String> exported = Cli.run("export", "--url", url(server)).lines();

            // the server stores data compactly (no spaces) but every number exactly as written
            assertThat(exported).singleElement().asString()
                .contains("\"exact\":123456789012345678901234567890.123456789", "\"price\":10.50");
        }
    }

    @Test
    void importThroughAServerSplitsAStreamOfLargeEventsIntoRequestsUnderTheBodyLimitKeepingEachGuard()
        throws Exception {
        // 500 versioned events of 5 KB in one stream: one request of 2.5 MB was refused whole with 413
        Path file = dir.resolve("large.jsonl");
        String text = "x".repeat(5000);
        List<String> lines = new ArrayList<>();
        for (int v = 1; v <= 500; v++) {
            lines.add("{\"streamId\":\"big-1\",\"entityType\":\"t\",\"version\":" + v
                + ",\"name\":\"n\",\"data\":{\"x\":\"" + text + "\"}}");
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        try (HindsightServer server = start(dir.resolve("data"), ApiKeys.none())) {
            Cli.Result imported = Cli.run("import", file.toString(), "--url", url(server));
            Cli.Result again = Cli.run("import", file.toString(), "--url", url(server));

            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.err()).contains("imported 500 events");
            assertThat(Cli.run("export", "--url", url(server)).lines()).hasSize(500);
            assertThat(again.exitCode()).as("each request keeps its first line's guard").isEqualTo(ExitCode.CONFLICT);
        }
    }

    @Test
    void aBadImportLineExitsWith2NamingItAfterTheLinesBeforeItWereImported() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, List.of(
            "{\"streamId\":\"a-1\",\"entityType\":\"a\",\"version\":1,\"name\":\"a.made\",\"data\":{}}",
            "{\"streamId\":\"a-1\",\"entityType\":\"a\",\"version\":2,\"name\":\"a.kept\",\"data\":{}}",
            "{\"streamId\":\"a-2\",\"entityType\":\"a\",\"name\":\"a.made\",\"data\":[1]}",
            "{\"streamId\":\"a-3\",\"entityType\":\"a\",\"name\":\"a.made\",\"data\":{}}"), StandardCharsets.UTF_8);
        try (HindsightServer server = start(dir.resolve("data"), ApiKeys.none())) {
            Cli.Result bad = Cli.run("import", file.toString(), "--url", url(server));
            List<String> log = Cli.run("export", "--url", url(server)).lines();

            assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(bad.err()).contains("line 3").contains("data").contains("imported 2 events before the error");
            assertThat(log).hasSize(2);
        }
    }

    @Test
    void blankLinesAreSkippedThroughAServerAsByTheLocalImport() throws Exception {
        Path file = dir.resolve("blank.jsonl");
        String event = "{\"streamId\":\"b-1\",\"entityType\":\"b\",\"name\":\"b.seen\",\"data\":{}}";
        Files.writeString(file, event + "\n\n  \t\r\n" + event + "\n\n", StandardCharsets.UTF_8);
        Cli.Result local = Cli.run("import", file.toString(), "--data-dir", dir.resolve("local").toString());
        try (HindsightServer server = start(dir.resolve("data"), ApiKeys.none())) {
            Cli.Result remote = Cli.run("import", file.toString(), "--url", url(server));

            assertThat(local.exitCode()).as(local.err()).isZero();
            assertThat(remote.exitCode()).as(remote.err()).isZero(); // was 2: "line 2: expected a JSON object"
            assertThat(remote.err()).contains("imported 2 events");
            assertThat(Cli.run("export", "--url", url(server)).lines()).hasSize(2);
        }
    }

    @Test
    void aServerWithKeysTakesTheKeyFromHindsightApiKeyAndSaysSoWithoutIt() throws Exception {
        ApiKeys keys = ApiKeys.of(List.of(WRITE_KEY, READ_KEY), List.of(Role.WRITE, Role.READ));
        try (HindsightServer server = start(dir.resolve("data"), keys)) {
            String url = url(server);
            Cli.Result noKey = child(null, "append", "k-1", "k.made", "--data", "{}", "--url", url);
            Cli.Result wrongKey = child("not-a-key", "export", "--url", url);
            Cli.Result written = child(WRITE_KEY, "append", "k-1", "k.made", "--data", "{}", "--url", url);
            Cli.Result readOnly = child(READ_KEY, "append", "k-1", "k.made", "--data", "{}", "--url", url);
            Cli.Result exported = child(READ_KEY, "export", "--url", url);
            Cli.Result oddKey = child("SECRET\u0001key", "export", "--url", url);

            assertThat(noKey.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(noKey.err()).contains("HINDSIGHT_API_KEY").doesNotContain("\tat ");
            assertThat(wrongKey.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(wrongKey.err()).contains("HINDSIGHT_API_KEY").doesNotContain("not-a-key");
            assertThat(written.exitCode()).as(written.err()).isZero();
            assertThat(written.out()).isEqualTo("seq=1 version=1\n");
            assertThat(readOnly.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(readOnly.err()).contains("write role").contains("HINDSIGHT_API_KEY");
            assertThat(exported.exitCode()).as(exported.err()).isZero();
            assertThat(exported.lines()).singleElement().asString().contains("\"streamId\":\"k-1\"");
            // Java's refusal of the header quoted it: "invalid header value: "Bearer SECRET…""
            assertThat(oddKey.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(oddKey.err()).contains("HINDSIGHT_API_KEY").contains("not visible ASCII")
                .doesNotContain("SECRET");
        }
    }

    @Test
    void aUrlWithNoServerExitsWith1ForEveryCommand() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        Path file = writeEvents(dir.resolve("events.jsonl"), 3, false);
        List<Cli.Result> results = List.of(
            Cli.run("append", "order-1", "order.placed", "--data", "{}", "--url", url),
            Cli.run("import", file.toString(), "--url", url),
            Cli.run("export", "--url", url));

        assertThat(results).allSatisfy(r -> {
            assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(r.err()).contains("no server at " + url).doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        });
        assertThat(results.get(2).err()).as("no progress line before the error").doesNotContain("exported 0 events");
    }

    private static HindsightServer start(Path data, ApiKeys keys) throws SQLException {
        return new HindsightServer(ServerConfig.builder(data).port(0).apiKeys(keys).build()).start();
    }

    private static String url(HindsightServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /**
     * {@code count} lines over 7 streams, with versions, metadata on some, and numbers and text worth keeping; with
     * {@code beyondDouble}, a number with more digits than a double holds.
     */
    private static Path writeEvents(Path file, int count, boolean beyondDouble) throws IOException {
        List<String> lines = new ArrayList<>();
        long[] versions = new long[7];
        for (int i = 0; i < count; i++) {
            int s = (i * 5 + i / 3) % versions.length;
            String metadata = i % 4 == 0 ? "{\"correlationId\": \"c-" + i + "\"}" : "null";
            lines.add("{\"streamId\":\"item-" + s + "\",\"entityType\":\"item\",\"version\":" + ++versions[s]
                + ",\"name\":\"item." + (i % 3 == 0 ? "made" : "changed") + "\",\"schemaVersion\":" + (1 + i % 2)
                + ",\"data\":{\"i\": " + i + ", \"price\": 10.50, "
                + (beyondDouble ? "\"exact\": 123456789012345678901234567890.123456789, " : "")
                + "\"text\": \"na\u00efve \u2713 \\\"q\\\"\", \"nested\": {\"a\": [1, 2.0, null, true, 1e3]}},"
                + "\"metadata\":" + metadata + "}");
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> parse(List<String> lines) {
        return lines.stream().map(l -> {
            try {
                return EXACT.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + l, e);
            }
        }).toList();
    }

    /** Runs a command in a child JVM whose environment has {@code HINDSIGHT_API_KEY} set to {@code key} (or not). */
    private Cli.Result child(String key, String... args) throws IOException, InterruptedException {
        int n = ++children;
        Path out = dir.resolve("child-" + n + ".out");
        Path err = dir.resolve("child-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx256m"), args))
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(ServerClient.KEY_VARIABLE);
        if (key != null) {
            builder.environment().put(ServerClient.KEY_VARIABLE, key);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("hindsight %s ended", List.of(args)).isTrue();
        return new Cli.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }
}
