package dev.hindsight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hindsight bench [--quick]} (SPEC §6, §7): runs the comparison benchmarks and prints their table. The work is
 * {@code benchmarks/bench.sh} of the checkout the jar was built in (it builds the benchmarks module, starts a
 * PostgreSQL 15 and a server of this build, and drives both), so this command finds that script beside the jar's
 * {@code cli/target/} and runs it, its output passed through and its exit code returned. A jar copied out of its
 * checkout has no benchmarks to run: it says so.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Runs the comparison benchmarks (Hindsight, PostgreSQL 15, raw Chronicle Queue; the same work in "
        + "one run) and prints the table of figures and ratios.",
        "Needs the source checkout the jar was built in, Maven, and PostgreSQL (installed with apt-get when run as "
            + "root). About 9 minutes; --quick about 5."})
final class BenchCommand implements Callable<Integer> {

    /** The script, relative to the checkout. */
    static final String SCRIPT = "benchmarks/bench.sh";

    private final CliStreams io;
    private final Path checkout;

    @Option(names = "--quick", description = "Fewer events and short warm-ups: indicative figures in minutes.")
    boolean quick;

    BenchCommand(CliStreams io) {
        this(io, checkoutOf(BenchCommand.class));
    }

    /** A command running {@link #SCRIPT} of {@code checkout} ({@code null}: none found). */
    BenchCommand(CliStreams io, Path checkout) {
        this.io = io;
        this.checkout = checkout;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (checkout == null || !Files.isRegularFile(checkout.resolve(SCRIPT))) {
            throw new CommandFailure(ExitCode.FAILED, "bench runs " + SCRIPT + " of the source checkout this jar "
                + "was built in, and " + (checkout == null ? "this jar is not inside one"
                : "there is none under " + checkout) + ": run ./hindsight bench in a checkout");
        }
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve(SCRIPT).toString()));
        if (quick) {
            command.add("--quick");
        }
        Process p = new ProcessBuilder(command).directory(checkout.toFile())
            .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        Thread errors = new Thread(() -> copy(p.getErrorStream(), io.err()), "bench-stderr");
        errors.start();
        copy(p.getInputStream(), io.out());
        errors.join();
        return p.waitFor();
    }

    /**
     * The checkout holding the jar (or classes directory) {@code type} was loaded from: its location is
     * {@code <checkout>/cli/target/...}, so the nearest ancestor with a {@code benchmarks/} beside {@code cli/}.
     */
    static Path checkoutOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null; // no code source to go by: no checkout
        }
        try {
            Path at = Path.of(source.getLocation().toURI()).toAbsolutePath();
            for (Path dir = at.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("cli")) && Files.isRegularFile(dir.resolve(SCRIPT))) {
                    return dir;
                }
            }
            return null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null; // not a file: no checkout
        }
    }

    private static void copy(InputStream from, PrintStream to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
