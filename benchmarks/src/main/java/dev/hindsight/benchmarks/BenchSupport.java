package dev.hindsight.benchmarks;

import dev.hindsight.log.AppendRequest;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import dev.hindsight.log.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** What the benchmarks share: the workload's streams and payloads, temp directories, and the fork check. */
final class BenchSupport {

    /** Environment variable naming the directory for benchmark logs; default {@code java.io.tmpdir}. */
    static final String DIR_ENV = "HINDSIGHT_BENCH_DIR";

    static final String ENTITY_TYPE = "order";
    static final String EVENT_NAME = "order.placed";

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};
    private static final String[] CHANNELS = {"web", "app", "pos"};

    private BenchSupport() {
    }

    /** {@code order-0} ... {@code order-(n-1)}. */
    static String[] streamIds(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "order-" + i;
        }
        return ids;
    }

    /**
     * {@code n} distinct JSON objects of about 100 bytes, the same for a given {@code n} in every run (fixed seed),
     * e.g. {@code {"orderId":"order-1234","customerId":"c-4242","total":123.45,"currency":"EUR","items":3,
     * "channel":"web"}}.
     */
    static String[] payloads(int n) {
        SplittableRandom random = new SplittableRandom(42);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = String.format(Locale.ROOT,
                "{\"orderId\":\"order-%04d\",\"customerId\":\"c-%04d\",\"total\":%d.%02d,\"currency\":\"%s\","
                    + "\"items\":%d,\"channel\":\"%s\"}",
                random.nextInt(10_000), random.nextInt(10_000), 1 + random.nextInt(999), random.nextInt(100),
                CURRENCIES[random.nextInt(CURRENCIES.length)], 1 + random.nextInt(9),
                CHANNELS[random.nextInt(CHANNELS.length)]);
        }
        return out;
    }

    /**
     * One single-event list per payload, built once so the benchmarks measure the log, not list and record
     * allocation of their own.
     */
    static List<List<NewEvent>> singleEventBatches(String[] payloads) {
        List<List<NewEvent>> out = new ArrayList<>(payloads.length);
        for (String p : payloads) {
            out.add(List.of(NewEvent.of(EVENT_NAME, p)));
        }
        return out;
    }

    /** The guard a caller holding the stream's {@code current} version sends. */
    static ExpectedVersion guard(long current) {
        return current == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(current);
    }

    /** A log at {@code dir} with the defaults (PROCESS durability, 64 MiB blocks): what a server runs with. */
    static EventLog openLog(Path dir) {
        return EventLog.open(LogConfig.builder().dataDir(dir).build());
    }

    /**
     * Writes the benchmarks' interleaved log into {@code dir}: event i (0-based) in stream {@code order-(i % streams)}
     * at its next version, payload {@code payloads(1024)[i & 1023]}, appended in batches of 1,000.
     */
    static void writeInterleaved(Path dir, long events, int streams) {
        String[] ids = streamIds(streams);
        String[] payloads = payloads(1_024);
        try (EventLog log = openLog(dir)) {
            List<AppendRequest> batch = new ArrayList<>(1_000);
            for (long i = 0; i < events; i++) {
                batch.add(new AppendRequest(ids[(int) (i % streams)], ENTITY_TYPE,
                    List.of(NewEvent.of(EVENT_NAME, payloads[(int) (i & 1023)])), ExpectedVersion.of(i / streams)));
                if (batch.size() == 1_000) {
                    log.appendAll(batch, Source.API);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                log.appendAll(batch, Source.API);
            }
        }
    }

    /** A new empty directory under {@code $HINDSIGHT_BENCH_DIR}, or {@code java.io.tmpdir}. */
    static Path newTempDir(String prefix) {
        String root = System.getenv(DIR_ENV);
        try {
            if (root == null || root.isBlank()) {
                return Files.createTempDirectory(prefix);
            }
            Path r = Files.createDirectories(Path.of(root));
            return Files.createTempDirectory(r, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp directory for " + prefix, e);
        }
    }

    /** Deletes {@code dir} and everything in it; {@code null} is ignored. */
    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /**
     * Fails fast, with a message saying what to do, if this JVM lacks a flag of {@code hindsight.jvm.flags}: e.g.
     * when {@code -jvmArgsAppend} on the command line replaced the inherited {@code @Fork} flags, or with
     * {@code -f 0} on a JVM started without them. Without this, Chronicle fails later with an obscure
     * {@code IllegalAccessException}, or (missing only {@code jdk.internal.ref}) runs with a warning.
     */
    static void requireChronicleFlags() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing = new ArrayList<>();
        for (String flag : ChronicleForkedBenchmark.chronicleJvmFlags()) {
            if (!args.contains(flag)) {
                missing.add(flag);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("this JVM lacks " + missing.size() + " flag(s) Chronicle needs: "
                + missing + ". Run forked (-f 1, the default) and add JVM options with -jvmArgsPrepend: "
                + "-jvmArgsAppend replaces the flags @Fork supplies.");
        }
    }
}
