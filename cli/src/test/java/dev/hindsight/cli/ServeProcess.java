package dev.hindsight.cli;

import dev.hindsight.testkit.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code hindsight serve --data-dir D --port 0} in a child JVM, as a user starts it: its port read from the banner it
 * prints, ready once {@code GET /health} answers 200; stopped with {@code kill -9} or SIGTERM. Its stdout and stderr
 * go to files beside the data directory, named after the start, so a failure can show them.
 */
final class ServeProcess {

    private static final Pattern LISTENING = Pattern.compile(" on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;

    private ServeProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    /**
     * Starts a server over {@code dataDir} with more {@code options} of {@code serve}, returning once it answers
     * {@code /health}; {@code name} tags its files.
     */
    static ServeProcess start(Path dataDir, Path outputDir, String name, String... options)
            throws IOException, InterruptedException {
        return start(List.of(), dataDir, outputDir, name, options);
    }

    /** {@link #start(Path, Path, String, String...)} in a JVM started with {@code jvmOptions} as well. */
    static ServeProcess start(List<String> jvmOptions, Path dataDir, Path outputDir, String name, String... options)
            throws IOException, InterruptedException {
        return start(List.of(), jvmOptions, dataDir, outputDir, name, options);
    }

    /** {@link #start(Path, Path, String, String...)} in a process allowed {@code openFiles} open files at most. */
    static ServeProcess withOpenFiles(int openFiles, Path dataDir, Path outputDir, String name)
            throws IOException, InterruptedException {
        // the shell sets the limit and becomes the JVM (exec), so the pid is the server's
        return start(List.of("bash", "-c", "ulimit -n " + openFiles + " && exec \"$0\" \"$@\""), List.of(), dataDir,
            outputDir, name);
    }

    private static ServeProcess start(List<String> prefix, List<String> jvmOptions, Path dataDir, Path outputDir,
                                      String name, String... options) throws IOException, InterruptedException {
        Path out = outputDir.resolve(name + ".out");
        Path err = outputDir.resolve(name + ".err");
        List<String> args = new ArrayList<>(List.of("serve", "--data-dir", dataDir.toString(), "--port", "0"));
        args.addAll(List.of(options));
        List<String> command = new ArrayList<>(prefix);
        command.addAll(ChildJvm.command(Main.class, Stream.concat(Stream.of("-Xmx512m"), jvmOptions.stream()).toList(),
            args.toArray(String[]::new)));
        Process process = new ProcessBuilder(command)
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        int port = -1;
        while (port < 0) {
            Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            } else {
                awaitOrFail(process, deadline, err, "printed where it listens");
            }
        }
        ServeProcess server = new ServeProcess(process, out, err, port);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        while (!server.healthy(client)) {
            awaitOrFail(process, deadline, err, "answered GET /health");
        }
        return server;
    }

    /** Waits a little for {@code process} to end; fails if it did, or once {@code deadline} has passed. */
    private static void awaitOrFail(Process process, long deadline, Path err, String what)
            throws IOException, InterruptedException {
        if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("serve exited with " + process.exitValue() + " before it " + what + ": "
                + Files.readString(err, StandardCharsets.UTF_8));
        }
        if (System.nanoTime() - deadline > 0) {
            process.destroyForcibly();
            throw new AssertionError("serve has not " + what + " within " + READY_DEADLINE + ": "
                + Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    /** Whether it answers {@code GET /health}: 200, or 401 from a server with keys (the request has none). */
    private boolean healthy(HttpClient client) throws InterruptedException {
        try {
            int status = client.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}, then waits for the process to be gone. */
    void kill() throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor();
        if (code != 0 || !process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("kill -9 of serve (pid " + process.pid() + ") did not end it");
        }
    }

    /** SIGTERM, then waits for the clean shutdown; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("serve did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Kills the process if it still runs: for a test's {@code finally}. */
    void destroyIfAlive() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** What it printed on stderr so far. */
    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** What it printed on stdout so far. */
    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
