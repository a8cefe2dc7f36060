package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench} runs the checkout's {@code benchmarks/bench.sh}. The real script needs PostgreSQL and takes minutes
 * (it is run by hand before its figures go into docs/benchmarks.md), so these run a stand-in script in a checkout of
 * their own: what the command passes on and passes back.
 */
class BenchCommandTest {

    @TempDir
    Path checkout;

    @Test
    void benchRunsTheCheckoutsScriptPassingQuickItsOutputAndItsExitCode() throws IOException {
        script("echo \"table for: $*\"; echo progress >&2; exit 7");

        Cli.Result quick = bench(checkout, "--quick");
        Cli.Result full = bench(checkout);

        assertThat(quick.exitCode()).isEqualTo(7);
        assertThat(quick.out()).isEqualTo("table for: --quick\n");
        assertThat(quick.err()).isEqualTo("progress\n");
        assertThat(full.out()).isEqualTo("table for: \n");
    }

    @Test
    void benchOutsideACheckoutFailsSayingWhereToRunIt() {
        Cli.Result noCheckout = bench(null);
        Cli.Result noScript = bench(checkout);

        assertThat(noCheckout.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(noCheckout.err()).contains("not inside one").contains("./hindsight bench");
        assertThat(noScript.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(noScript.err()).contains("there is none under " + checkout).contains("benchmarks/bench.sh");
    }

    @Test
    void theCommandFindsTheCheckoutItWasBuiltInFromItsOwnClasses() {
        Path found = BenchCommand.checkoutOf(BenchCommand.class);

        assertThat(found).isNotNull();
        assertThat(found.resolve(BenchCommand.SCRIPT)).isRegularFile();
        assertThat(found.resolve("cli/src/main/java/dev/hindsight/cli/BenchCommand.java")).isRegularFile();
    }

    @Test
    void benchIsListedWithTheOtherCommands() {
        Cli.Result help = Cli.run("--help");

        assertThat(help.out()).contains("bench");
    }

    private void script(String body) throws IOException {
        Path s = checkout.resolve(BenchCommand.SCRIPT);
        Files.createDirectories(s.getParent());
        Files.writeString(s, body + "\n");
    }

    private static Cli.Result bench(Path checkout, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliStreams io = new CliStreams(new ByteArrayInputStream(new byte[0]), o, e, false, false, false);
            ErrorReporter errors = new ErrorReporter(e);
            code = new CommandLine(new BenchCommand(io, checkout)).setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors).execute(args);
        }
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
