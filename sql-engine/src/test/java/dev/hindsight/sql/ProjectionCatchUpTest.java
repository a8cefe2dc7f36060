package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.Projections;
import dev.hindsight.testkit.Seeds;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL projections caught up on the worker threads (a backlog of more than 65,536 events: create, restart, rebuild,
 * replace) answer as the oracle does: {@code SELECT * FROM p AS OF SEQUENCE n} equals the definition's {@code SELECT}
 * over {@code events WHERE seq <= n}. A failure deep in the backlog stops at its seq; a drop or replace in the middle
 * of a catch-up leaves no thread running. Seeded: {@code -Dhindsight.seed=N} replays a run.
 */
@Tag("slow") // about 50 s: logs of 150,000 events and more, the oracle scanning them
class ProjectionCatchUpTest {

    private static final long WAIT = 60_000;
    private static final int EVENTS = 150_000;
    /** The one event whose {@code z} is not a number: a definition casting {@code z} fails there. */
    private static final long BAD_Z = 100_001;

    /** Definitions as {SELECT … FROM events, WHERE or "", GROUP BY or ""}. */
    private static final String[][] DEFINITIONS = {
        {"SELECT JSON_VALUE(data, '$.k') AS k, COUNT(*) AS c, SUM(CAST(JSON_VALUE(data, '$.v') AS BIGINT)) AS s, "
            + "MIN(CAST(JSON_VALUE(data, '$.v') AS INTEGER)) AS mn, "
            + "MAX(CAST(JSON_VALUE(data, '$.d') AS DECIMAL(10,2))) AS mx, "
            + "AVG(CAST(JSON_VALUE(data, '$.d') AS DECIMAL(10,2))) AS av, "
            + "LATEST(CAST(JSON_VALUE(data, '$.v') AS BIGINT)) AS lt, COUNT(*) FILTER (WHERE name = 'b') AS fb "
            + "FROM events", "name <> 'c'", "JSON_VALUE(data, '$.k')"},
        {"SELECT stream_id, COUNT(*) AS c, MAX(seq) AS last_seq, LATEST(name) AS last_name, "
            + "LATEST(JSON_VALUE(data, '$.k')) AS last_k FROM events", "JSON_VALUE(data, '$.v') IS NOT NULL",
            "stream_id"},
        {"SELECT COUNT(*) AS c, SUM(CAST(JSON_VALUE(data, '$.v') AS INTEGER)) AS s, MIN(version) AS mv, "
            + "AVG(CAST(JSON_VALUE(data, '$.v') AS BIGINT)) AS av FROM events", "", ""},
    };

    @TempDir
    static Path shared;

    private static SqlFixture sql;
    private static long seed;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeALogLongerThanTheBacklogThreshold() throws SQLException {
        String property = System.getProperty(Seeds.PROPERTY);
        seed = property == null || property.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(property);
        Random random = new Random(seed);
        write(shared, 0, EVENTS, random, seq -> event(random, seq));
        sql = SqlFixture.open(shared);
    }

    @AfterAll
    static void close() throws SQLException {
        sql.close();
    }

    /** Appends events {@code from + 1 .. from + count} in batches of one stream each. */
    private static void write(Path dir, long from, int count, Random random, LongFunction<NewEvent> events) {
        try (EventLog log = EventLog.open(LogConfig.at(dir))) {
            long seq = from;
            while (seq < from + count) {
                List<NewEvent> batch = new ArrayList<>();
                int size = (int) Math.min(1 + random.nextInt(100), from + count - seq);
                String stream = "s" + random.nextInt(20);
                for (int i = 0; i < size; i++) {
                    batch.add(events.apply(++seq));
                }
                log.append(stream, "thing", batch, ExpectedVersion.any());
            }
            assertThat(log.headSeq()).isEqualTo(from + count);
        }
    }

    private static NewEvent event(Random random, long seq) {
        List<String> members = new ArrayList<>();
        if (random.nextInt(8) > 0) {
            members.add("\"k\":\"" + "xyz".charAt(random.nextInt(3)) + "\"");
        }
        int v = random.nextInt(6);
        if (v == 1) {
            members.add("\"v\":null");
        } else if (v > 1) {
            members.add("\"v\":" + (random.nextInt(2_000) - 500));
        }
        if (random.nextBoolean()) {
            members.add("\"d\":" + decimal(random));
        }
        if (seq == BAD_Z) {
            members.add("\"z\":\"boom\"");
        } else if (seq % 1_000 == 0) {
            members.add("\"z\":" + seq / 1_000);
        }
        return NewEvent.of("abc".substring(random.nextInt(3)).substring(0, 1), "{" + String.join(",", members) + "}");
    }

    /**
     * A JSON number for {@code d} (cast to DECIMAL(10,2)), spelled in the ways a cast must agree with Calcite on:
     * as a double prints, with trailing zeros, as an integer, with an exponent, with digits to round, negative zero.
     */
    private static String decimal(Random random) {
        int cents = random.nextInt(100_000);
        return switch (random.nextInt(6)) {
            case 0 -> String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100); // 17.50, 3.00
            case 1 -> Integer.toString(cents / 100);
            case 2 -> cents + "e-" + (1 + random.nextInt(3)); // 1750e-2
            case 3 -> (random.nextBoolean() ? "-" : "") + cents / 100 + "." + String.format(Locale.ROOT, "%03d",
                random.nextInt(1_000)); // 1.005: Calcite rounds
            case 4 -> random.nextBoolean() ? "-0.0" : "0.000";
            default -> Double.toString(cents / 100.0);
        };
    }

    private static String definition(String name, String[] d) {
        return "CREATE PROJECTION " + name + " AS " + d[0] + (d[1].isEmpty() ? "" : " WHERE " + d[1])
            + (d[2].isEmpty() ? "" : " GROUP BY " + d[2]);
    }

    private static List<String> oracle(SqlFixture on, String[] d, long n) throws SQLException {
        return sorted(on.rows(d[0] + " WHERE seq <= " + n + (d[1].isEmpty() ? "" : " AND (" + d[1] + ")")
            + (d[2].isEmpty() ? "" : " GROUP BY " + d[2])));
    }

    private static void assertOracle(SqlFixture on, String name, String[] d, long n, long head) throws SQLException {
        String as = n >= head ? "" : " AS OF SEQUENCE " + n;
        assertThat(sorted(on.rows("SELECT * FROM " + name + as)))
            .as("%s%s (seed %d: -D%s=%d)", name, as, seed, Seeds.PROPERTY, seed).isEqualTo(oracle(on, d, n));
    }

    @Test
    void projectionsCaughtUpOnTheWorkersEqualTheOracleNowAndAsOfRandomSeqs() throws Exception {
        Random random = new Random(seed + 1);
        for (int i = 0; i < DEFINITIONS.length; i++) {
            String name = "caught_up_" + i;
            sql.update(definition(name, DEFINITIONS[i]));
            assertOracle(sql, name, DEFINITIONS[i], EVENTS, EVENTS);
            for (int t = 0; t < 2; t++) {
                assertOracle(sql, name, DEFINITIONS[i], 1 + random.nextInt(EVENTS), EVENTS);
            }
            sql.update("DROP PROJECTION " + name);
        }
    }

    @Test
    void aRestartCatchingUpMoreThanTheThresholdFromItsSnapshotEqualsTheOracle() throws Exception {
        Random random = new Random(seed + 2);
        int first = 70_000;
        int more = 100_000;
        write(dir, 0, first, random, seq -> event(random, seq));
        try (SqlFixture before = SqlFixture.open(dir)) {
            for (int i = 0; i < DEFINITIONS.length; i++) {
                before.update(definition("restarted_" + i, DEFINITIONS[i]));
            }
        }
        write(dir, first, more, random, seq -> event(random, seq));
        try (SqlFixture after = SqlFixture.open(dir)) {
            int head = first + more;
            for (int i = 0; i < DEFINITIONS.length; i++) {
                String name = "restarted_" + i;
                assertOracle(after, name, DEFINITIONS[i], head, head);
                assertOracle(after, name, DEFINITIONS[i], first + 1 + random.nextInt(more), head);
            }
            // older than the snapshot it started from: answered by a rebuild from seq 1, on the workers too
            assertOracle(after, "restarted_0", DEFINITIONS[0], 1 + random.nextInt(first), head);
        }
    }

    @Test
    void aFailureDeepInTheBacklogStopsAtItsSeqWithEveryEventBeforeItApplied() throws Exception {
        String[] d = {"SELECT stream_id, COUNT(*) AS c, SUM(CAST(JSON_VALUE(data, '$.z') AS INTEGER)) AS zs, "
            + "MAX(seq) AS last_seq FROM events", "", "stream_id"};
        // created over a log without the bad event (a CREATE over one is refused: nothing is created), then a
        // restart catching up a backlog of 100,000 events on the workers meets it
        Random random = new Random(seed + 3);
        int first = 50_000;
        write(dir, 0, first, random, seq -> event(random, seq));
        try (SqlFixture before = SqlFixture.open(dir)) {
            before.update(definition("fails", d));
        }
        write(dir, first, EVENTS - first, random, seq -> event(random, seq));
        try (SqlFixture after = SqlFixture.open(dir)) {
            assertThat(after.rows("SELECT COUNT(*) FROM fails")).isNotEmpty(); // waits until applied or failed
            Projections projections = after.connection.unwrap(Projections.class);
            ProjectionStatus status = projections.statuses().stream().filter(s -> s.name().equals("fails"))
                .findFirst().orElseThrow();
            assertThat(status.status()).isEqualTo("failed");
            assertThat(status.error()).startsWith("failed at seq " + BAD_Z + ": invalid value for a cast");
            assertThat(status.position()).isEqualTo(BAD_Z - 1);
            assertOracle(after, "fails", d, BAD_Z - 1, EVENTS);
            // now: as of the event before the failure, nothing after it
            assertThat(sorted(after.rows("SELECT * FROM fails"))).isEqualTo(oracle(after, d, BAD_Z - 1));
        }
        assertThat(dir.resolve("projections/fails.sql")).as("a definition failing at a start is kept").exists();
        assertThatThrownBy(() -> sql.update(definition("fails_at_once", d))).isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22018"))
            .hasMessageContaining("projection fails_at_once was not created: it failed at seq " + BAD_Z);
        assertThat(sql.rows("SELECT name FROM sys.projections WHERE name = 'fails_at_once'")).isEmpty();
    }

    @Test
    void aSqlProjectionOverUpcastEventsEqualsTheOracleOverTheEventsWrittenInTheNewShape() throws Exception {
        Path stored = dir.resolve("stored");
        Path writtenNew = dir.resolve("new");
        int count = 80_000;
        write(stored, 0, count, new Random(seed + 3), seq -> order(seq, seq % 3 != 0));
        write(writtenNew, 0, count, new Random(seed + 3), seq -> order(seq, false));
        String[] d = {"SELECT JSON_VALUE(data, '$.customerId') AS customer_id, COUNT(*) AS c, "
            + "SUM(CAST(JSON_VALUE(data, '$.total') AS BIGINT)) AS total, MAX(schema_version) AS shape, "
            + "MIN(CAST(JSON_VALUE(data, '$.total') AS INTEGER)) AS low, COUNT(JSON_VALUE(data, '$.amount')) AS legacy "
            + "FROM events", "name = 'order.placed'", "JSON_VALUE(data, '$.customerId')"};
        try (SqlFixture upcast = SqlFixture.open(stored); SqlFixture oracle = SqlFixture.open(writtenNew)) {
            upcast.connection.unwrap(Projections.class).register(new AmountToTotal());
            upcast.update(definition("revenue", d));
            Random random = new Random(seed + 4);
            for (long n : new long[] {count, 1 + random.nextInt(count), 1 + random.nextInt(count)}) {
                String as = n >= count ? "" : " AS OF SEQUENCE " + n;
                assertThat(sorted(upcast.rows("SELECT * FROM revenue" + as)))
                    .as("revenue%s (seed %d)", as, seed).isEqualTo(oracle(oracle, d, n));
            }
        }
    }

    /** Order events: the old shape ({@code amount}, schema version 1) or the new ({@code total}, version 2). */
    private static NewEvent order(long seq, boolean old) {
        String customer = "\"customerId\":\"c" + seq % 11 + "\"";
        if (seq % 5 == 0) {
            return new NewEvent("order.noted", "{" + customer + ",\"amount\":1}", null, 1);
        }
        long value = seq % 997 - 100;
        return old ? new NewEvent("order.placed", "{" + customer + ",\"amount\":" + value + "}", null, 1)
            : new NewEvent("order.placed", "{" + customer + ",\"total\":" + value + "}", null, 2);
    }

    @Test
    void aDropInTheMiddleOfACatchUpLeavesNoThreadRunning() throws Exception {
        stopMidCatchUp("dropped_mid", "DROP PROJECTION dropped_mid", null);
    }

    @Test
    void aReplaceInTheMiddleOfACatchUpLeavesNoThreadRunningAndAnswersAsTheNewDefinition() throws Exception {
        String replacement = definition("replaced_mid", DEFINITIONS[1]).replace("CREATE", "CREATE OR REPLACE");
        stopMidCatchUp("replaced_mid", replacement, DEFINITIONS[1]);
    }

    /**
     * Creates {@code name} (the first definition) on another connection and, once its catch-up has applied its first
     * events, runs {@code statement}; then no thread of the projection may be left but those of a replacement
     * ({@code replacement}'s, checked against the oracle and then dropped).
     */
    private static void stopMidCatchUp(String name, String statement, String[] replacement) throws Exception {
        assertThat(threadsOf(name)).isEmpty();
        Projections projections = sql.connection.unwrap(Projections.class);
        CountDownLatch created = new CountDownLatch(1);
        projections.onChange(created::countDown);
        ExecutorService creator = Executors.newSingleThreadExecutor();
        try (SqlFixture other = SqlFixture.open(shared)) {
            Future<Integer> create = creator.submit(() -> other.update(definition(name, DEFINITIONS[0])));
            assertThat(created.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(projections.await(name, 1, WAIT)).isTrue();
            sql.update(statement);
            create.get(WAIT, TimeUnit.MILLISECONDS);
            if (replacement != null) {
                assertOracle(sql, name, replacement, EVENTS, EVENTS);
                sql.update("DROP PROJECTION " + name);
            }
        } finally {
            creator.shutdown();
            assertThat(creator.awaitTermination(WAIT, TimeUnit.MILLISECONDS)).isTrue();
        }
        for (Thread t : threadsOf(name)) {
            t.join(WAIT);
        }
        assertThat(threadsOf(name)).as("threads of %s left running", name).isEmpty();
        assertThat(projections.names()).doesNotContain(name);
    }

    private static List<Thread> threadsOf(String name) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && (t.getName().startsWith("hindsight-projection-" + name)
                || t.getName().startsWith("hindsight-rebuild-" + name))) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<String> sorted(List<String> rows) {
        List<String> out = new ArrayList<>(rows);
        Collections.sort(out);
        return out;
    }

}
