package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.RecordedEvent;
import dev.hindsight.log.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendCommandTest {

    @TempDir
    Path dir;

    @Test
    void appendPrintsSeqAndVersion() {
        Cli.Result first = append("order-1", "order.placed", "--data", "{\"total\":1}");
        Cli.Result second = append("order-1", "order.paid", "--data", "{\"total\":1}", "--expected-version", "1");
        Cli.Result other = append("order-2", "order.placed", "--data", "{}");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo("seq=1 version=1\n");
        assertThat(second.out()).isEqualTo("seq=2 version=2\n");
        assertThat(other.out()).isEqualTo("seq=3 version=1\n");
        assertThat(first.err() + second.err() + other.err()).isEmpty();
    }

    @Test
    void appendStoresEveryOptionWithSourceApi() {
        append("order-7", "order.placed", "--data", "{\"total\":7}", "--metadata", "{\"traceId\":\"t1\"}",
            "--schema-version", "3", "--type", "purchase");

        RecordedEvent e = readAll().get(0);
        assertThat(e.streamId()).isEqualTo("order-7");
        assertThat(e.entityType()).isEqualTo("purchase");
        assertThat(e.name()).isEqualTo("order.placed");
        assertThat(e.data()).isEqualTo("{\"total\":7}");
        assertThat(e.metadata()).isEqualTo("{\"traceId\":\"t1\"}");
        assertThat(e.schemaVersion()).isEqualTo(3);
        assertThat(e.source()).isEqualTo(Source.API);
    }

    @Test
    void appendDerivesTheEntityTypeFromTheStreamIdUpToTheFirstDash() {
        append("order-12-b", "order.placed", "--data", "{}");
        append("inventory", "stock.counted", "--data", "{}");

        assertThat(readAll()).extracting(RecordedEvent::entityType).containsExactly("order", "inventory");
    }

    @Test
    void appendWithStaleGuardExitsWith3AndSaysVersionConflict() {
        append("order-1", "order.placed", "--data", "{}");

        Cli.Result stale = append("order-1", "order.placed", "--data", "{}", "--expected-version", "0");

        assertThat(stale.exitCode()).isEqualTo(3);
        assertThat(stale.out()).isEmpty();
        assertThat(stale.err()).startsWith("error: ").contains("version conflict").contains("order-1")
            .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(readAll()).hasSize(1);
    }

    @Test
    void appendWithBadJsonExitsWith2AndWritesNothing() {
        Cli.Result badData = append("order-1", "order.placed", "--data", "{\"total\":");
        Cli.Result notAnObject = append("order-1", "order.placed", "--data", "[1]");
        Cli.Result badMetadata = append("order-1", "order.placed", "--data", "{}", "--metadata", "nope");

        assertThat(badData.exitCode()).isEqualTo(2);
        assertThat(badData.err()).startsWith("error: --data").contains("JSON object").doesNotContain("\tat ");
        assertThat(badData.err().lines()).hasSize(1);
        assertThat(notAnObject.exitCode()).isEqualTo(2);
        assertThat(badMetadata.exitCode()).isEqualTo(2);
        assertThat(badMetadata.err()).contains("metadata");
        assertThat(dir.resolve("queue")).as("no log created").doesNotExist();
    }

    /** Jackson's source and feature names, and the log's "event #0", are no words for a command line. */
    @Test
    void aBadOptionIsSaidInTheCommandLinesWordsWithNoParserInternals() {
        Cli.Result unclosed = append("order-1", "order.placed", "--data", "{\"a\":1");
        Cli.Result comment = append("order-1", "order.placed", "--data", "/* c */{}");
        Cli.Result schema = append("order-1", "order.placed", "--data", "{}", "--schema-version", "0");

        assertThat(unclosed.exitCode()).isEqualTo(2);
        assertThat(unclosed.err()).isEqualTo("error: --data is not a valid JSON object (Unexpected end-of-input: "
            + "expected close marker for Object at column 7): {\"a\":1\n");
        assertThat(comment.err()).doesNotContain("Feature").doesNotContain("`").contains("at column 1");
        assertThat(schema.exitCode()).isEqualTo(2);
        assertThat(schema.err()).isEqualTo("error: --schema-version must be 1 or more, was 0\n");
        assertThat(dir.resolve("queue")).as("no log created").doesNotExist();
    }

    @Test
    void anOptionOverALimitOfTheLogIsRefusedWithExit2InItsWords() {
        // Jackson's refusal has no location: reading it printed a NullPointerException's message, exit 1
        Cli.Result number = append("order-1", "order.placed", "--data", "{\"n\":" + "9".repeat(1001) + "}");
        Cli.Result deep = append("order-1", "order.placed", "--data", "{}", "--metadata",
            "{\"d\":".repeat(257) + "1" + "}".repeat(257));
        Cli.Result deepest = append("order-1", "order.placed", "--data", "{\"d\":".repeat(255) + "1"
            + "}".repeat(255));

        assertThat(number.exitCode()).isEqualTo(2);
        assertThat(number.err()).isEqualTo("error: --data holds a number of more than 1000 digits at column 1007\n");
        assertThat(deep.exitCode()).isEqualTo(2);
        assertThat(deep.err()).startsWith("error: --metadata nests deeper than 256 levels at column ");
        assertThat(deepest.exitCode()).as("256 levels, as the log takes: " + deepest.err()).isZero();
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithExit2AsTheHttpApiRefusesItWithOrWithoutAServer() {
        Cli.Result data = append("order-1", "order.placed", "--data", "{\"a\":1,\"a\":2}");
        Cli.Result metadata = append("order-1", "order.placed", "--data", "{}", "--metadata",
            "{\"t\":{\"x\":1,\"y\":2,\"x\":3}}");
        Cli.Result remote = Cli.run("append", "order-1", "order.placed", "--data", "{\"a\":1,\"a\":2}", "--url",
            "http://127.0.0.1:1");

        assertThat(data.exitCode()).isEqualTo(2);
        assertThat(data.err()).isEqualTo("error: --data: field a is given twice at column 11: each key may appear "
            + "once in an object\n");
        assertThat(metadata.exitCode()).isEqualTo(2);
        assertThat(metadata.err()).startsWith("error: --metadata: field t.x is given twice at column ");
        assertThat(remote.exitCode()).as("refused before the server is asked").isEqualTo(2);
        assertThat(remote.err()).isEqualTo(data.err());
        assertThat(dir.resolve("queue")).as("no log created").doesNotExist();
    }

    @Test
    void appendWithBadOptionsExitsWith2AndNamesTheOption() {
        Cli.Result noData = Cli.run("append", "order-1", "order.placed", "--data-dir", dir.toString());
        Cli.Result badGuard = append("order-1", "order.placed", "--data", "{}", "--expected-version", "-2");
        Cli.Result notANumber = append("order-1", "order.placed", "--data", "{}", "--expected-version", "two");
        Cli.Result both = append("order-1", "order.placed", "--data", "{}", "--url", "http://localhost:7070");
        Cli.Result badUrl = Cli.run("append", "order-1", "order.placed", "--data", "{}", "--url", "ftp://x");
        Cli.Result badDataRemote = Cli.run("append", "order-1", "order.placed", "--data", "[1]", "--url",
            "http://127.0.0.1:1");

        assertThat(noData.exitCode()).isEqualTo(2);
        assertThat(noData.err()).contains("--data");
        assertThat(badGuard.exitCode()).isEqualTo(2);
        assertThat(badGuard.err()).contains("--expected-version").contains("-2");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--expected-version").contains("two");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--url ftp://x must be http://host:port");
        // /v1 (the routes are added to the URL), a query, or no scheme: a usage error, not "no route" or Java's words
        for (String url : List.of("http://127.0.0.1:1/v1", "http://127.0.0.1:1/proxy/v1/", "127.0.0.1:7070",
            "http://127.0.0.1:1?x=1")) {
            Cli.Result r = Cli.run("append", "order-1", "order.placed", "--data", "{}", "--url", url);
            assertThat(r.exitCode()).as(url).isEqualTo(2);
            assertThat(r.err()).as(url).isEqualTo("error: --url " + url
                + " must be http://host:port, the server's root without /v1 (e.g. http://localhost:7070)\n");
        }
        // a port past 65535 was Java's "port out of range" as a failure to reach the server (exit 1); user
        // information was dropped without a word, so no key was sent
        Cli.Result badPort = Cli.run("append", "order-1", "order.placed", "--data", "{}", "--url",
            "http://127.0.0.1:99999");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("the port 99999 is not a number from 1 to 65535");
        Cli.Result userInfo = Cli.run("export", "--url", "http://reader:secret@127.0.0.1:1");
        assertThat(userInfo.exitCode()).isEqualTo(2);
        assertThat(userInfo.err()).contains("no user information before the host", "HINDSIGHT_API_KEY");
        assertThat(badDataRemote.exitCode()).isEqualTo(2);
        assertThat(badDataRemote.err()).contains("--data must be a JSON object");
    }

    @Test
    void appendWithoutADataDirectoryGoesToTheServerAndSaysSoWhenThereIsNone() {
        Cli.Result noServer = Cli.run("append", "order-1", "order.placed", "--data", "{}", "--url",
            "http://127.0.0.1:1");

        assertThat(noServer.exitCode()).isEqualTo(1);
        assertThat(noServer.err()).contains("no server at http://127.0.0.1:1").contains("--data-dir");
    }

    @Test
    void appendToADataDirectoryHeldByAnotherLogExitsWith1AndSaysWhoHoldsIt() {
        try (EventLog held = EventLog.open(LogConfig.at(dir))) {
            Cli.Result locked = append("order-1", "order.placed", "--data", "{}");

            assertThat(locked.exitCode()).isEqualTo(1);
            assertThat(locked.err()).startsWith("error: data directory").contains("in use by process pid")
                .doesNotContain("\tat ");
            assertThat(held.headSeq()).isZero();
        }
    }

    @Test
    void appendWithFsyncDurabilityIsAcknowledgedAndKept() {
        Cli.Result r = append("order-1", "order.placed", "--data", "{}", "--durability", "fsync");
        Cli.Result again = append("order-1", "order.paid", "--data", "{}", "--durability", "FSYNC",
            "--expected-version", "1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(again.out()).isEqualTo("seq=2 version=2\n");
    }

    @Test
    void anUnknownDurabilityIsRefusedNamingTheAcceptedValues() {
        Cli.Result r = append("order-1", "order.placed", "--data", "{}", "--durability", "paranoid");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--durability must be process or fsync, was 'paranoid'");
        assertThat(dir.resolve("queue")).doesNotExist();
    }

    @Test
    void aStreamIdBeginningWithAtIsThatIdNotAFileOfArguments() throws Exception {
        Path file = Files.writeString(dir.resolve("args.txt"), "hello");
        String stream = "@" + file;

        Cli.Result r = append(stream, "order.placed", "--data", "{}", "--type", "order");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(readAll()).extracting(RecordedEvent::streamId).containsExactly(stream);
    }

    @Test
    void anEmptyDataDirIsRefusedWith2AndNothingIsCreated() {
        Cli.Result r = Cli.run("append", "order-1", "order.placed", "--data", "{}", "--data-dir", "");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--data-dir is empty");
        assertThat(Path.of("queue")).doesNotExist();
    }

    @Test
    void eachCommandsVersionOptionPrintsTheVersion() {
        for (String command : List.of("append", "import", "export", "verify", "sql", "serve", "bench")) {
            Cli.Result r = Cli.run(command, "--version");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).as(command).startsWith("hindsight ");
        }
    }

    private Cli.Result append(String... args) {
        List<String> all = new ArrayList<>(List.of("append"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    private List<RecordedEvent> readAll() {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            return log.readAll(1, Integer.MAX_VALUE, null);
        }
    }
}
