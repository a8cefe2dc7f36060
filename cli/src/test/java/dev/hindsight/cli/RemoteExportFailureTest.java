package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.testkit.ChildJvm;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --url} whose server goes away midway writes out every event it received, whole lines, and says how
 * many and through which seq, so that {@code --from-seq} goes on after the last line: the events of the page being
 * read were left in the output's buffer, and the count was the whole pages'.
 */
class RemoteExportFailureTest {

    private static final int EVENTS = 50_000;
    private static final Pattern STOPPED =
        Pattern.compile("export stopped after (\\d+) events \\(through seq (\\d+)\\)");

    @TempDir
    Path dir;

    @Test
    void givenTheServerIsKilledDuringAnExport_thenTheOutputHoldsEveryEventReceivedAndTheErrorSaysHowFar()
            throws Exception {
        Path data = dir.resolve("data");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            lines.append("{\"streamId\":\"s-").append(i % 100).append("\",\"entityType\":\"thing\",")
                .append("\"name\":\"thing.happened\",\"data\":{\"i\":").append(i).append("}}\n");
        }
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        assertThat(Cli.run("import", file.toString(), "--data-dir", data.toString()).exitCode()).isZero();
        ServeProcess server = ServeProcess.start(data, dir, "serve");
        Path err = dir.resolve("export.err");
        try {
            Process export = new ProcessBuilder(ChildJvm.command(Main.class, List.of("-Xmx256m"), "export", "--url",
                server.url())).redirectError(err.toFile()).start();
            InputStream out = export.getInputStream();
            // its first line: the export runs; left unread, its output blocks it long before its last page
            int first = out.read();
            assertThat(first).isEqualTo('{');
            server.kill();
            byte[] rest = out.readAllBytes();
            assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();

            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(export.exitValue()).as(stderr).isEqualTo(ExitCode.FAILED);
            Matcher stopped = STOPPED.matcher(stderr);
            assertThat(stopped.find()).as(stderr).isTrue();
            long count = Long.parseLong(stopped.group(1));
            long throughSeq = Long.parseLong(stopped.group(2));
            String output = (char) first + new String(rest, StandardCharsets.UTF_8);
            assertThat(output).endsWith("\n");
            String[] exported = output.split("\n", -1);
            assertThat(exported.length - 1L).as("lines written").isEqualTo(count).isLessThan(EVENTS);
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < count; i++) {
                assertThat(json.readTree(exported[i]).get("seq").asLong()).isEqualTo(i + 1L);
            }
            assertThat(throughSeq).isEqualTo(count);
        } finally {
            server.destroyIfAlive();
        }
    }
}
