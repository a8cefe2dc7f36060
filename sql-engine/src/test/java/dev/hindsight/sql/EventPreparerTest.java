package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.log.EventView;
import dev.hindsight.log.Source;
import dev.hindsight.projection.Fold;
import dev.hindsight.projection.ProjectionEvent;
import dev.hindsight.projection.Projections;
import dev.hindsight.testkit.Seeds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A catch-up's {@link EventPreparer} (the document's bytes walked once, numbers cast to DECIMAL read from the bytes,
 * the texts a cast falls back on made only when needed) answers every event exactly as the live fold
 * ({@link SqlFold#apply}) does: the same values, the same filtering, the same failure. One preparer takes all
 * documents in turn, forwards then backwards, so nothing one leaves behind may change the next one's answer; each
 * document comes as stored bytes (inside a larger buffer) and as an upcast text. The numbers are spelled in every way
 * a cast must agree with Calcite on; the definitions mix a text used directly and as a fallback, a cast in the
 * {@code WHERE}, a two-step path beside a one-step one, {@code lax}, and a cast that overflows.
 */
class EventPreparerTest {

    static final String[] DEFS = {
        "SELECT JSON_VALUE(data, '$.x') AS xt, COUNT(*) AS c, SUM(CAST(JSON_VALUE(data, '$.x') AS DECIMAL(10,2))) AS s"
            + " FROM events GROUP BY JSON_VALUE(data, '$.x')",
        "SELECT COUNT(*) AS c, SUM(CAST(JSON_VALUE(data, '$.x') AS DECIMAL(10,2))) AS s,"
            + " MAX(CAST(JSON_VALUE(data, '$.y') AS DECIMAL(18,4))) AS m FROM events"
            + " WHERE CAST(JSON_VALUE(data, '$.x') AS DECIMAL(6,1)) > 0",
        "SELECT COUNT(*) AS c, SUM(CAST(JSON_VALUE(data, '$.a.b') AS DECIMAL(10,2))) AS s,"
            + " LATEST(JSON_VALUE(data, '$.x')) AS lx, MIN(CAST(JSON_VALUE(data, '$.x') AS DECIMAL(12,3))) AS mn"
            + " FROM events",
        "SELECT COUNT(*) AS c, SUM(CAST(JSON_VALUE(data, '$.x') AS DECIMAL(10,2))) AS s FROM events"
            + " WHERE JSON_VALUE(data, '$.x') <> '7'",
        "SELECT COUNT(*) AS c, SUM(CAST(JSON_VALUE(data, '$.x') AS DECIMAL(3,0))) AS s,"
            + " SUM(CAST(JSON_VALUE(data, 'lax $.x') AS DECIMAL(5,1))) AS s2, LATEST(JSON_VALUE(data, '$.y')) AS ly"
            + " FROM events",
    };

    static final String[] NUMBERS = {"0", "-0", "1", "-1", "7", "42", "100", "999", "1000", "123456789",
        "12345678901234567890123", "-98765432109876543210", "1.5", "1.50", "1.500", "-1.25", "100.50", "0.0", "-0.0",
        "0.000", "0.001", "0.0001", "0.05", "1.005", "-2.675", "1234567.89", "12345678.9", "99999.99", "999999.995",
        "1e3", "1E3", "1.5e2", "-1.5E-2", "1750e-2", "2.0", "0.1234567890123456789", "1.23456789012345",
        "123456789.123", "1.0000000000000001", "9999999.999999999", "-0.001", "0.00", "5.0000", "3.14159265358979",
        "\"1.5\"", "\"abc\"", "true", "null", "{}", "[1]", "{\"b\":2}"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @Seeds.Source(runs = 1)
    void aPreparedEventIsTheLiveFoldsAnswerForEveryDefinitionAndSpelling(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> docs = new ArrayList<>();
        for (String x : NUMBERS) {
            for (String y : new String[] {"1.25", "2.12345", "3", "-0.5e1"}) {
                docs.add("{\"x\":" + x + ",\"y\":" + y + ",\"a\":{\"b\":" + x + "}}");
                docs.add("{ \"x\" : " + x + " , \"a\" : { \"b\" : " + x + " , \"b\": 1.5 } }");
                docs.add("{\"x\":\"s\",\"y\":" + x + ",\"x\":" + x + "}");
                docs.add("{\"x\":" + x + ",\"x\":\"s\",\"y\":" + y + "}");
                docs.add("{\"y\":" + y + ",\"x\":" + x + "}");
            }
        }
        docs.add("{}");
        docs.add("[]");
        for (int i = 0; i < 2000; i++) {
            docs.add("{\"x\":" + NUMBERS[random.nextInt(NUMBERS.length)] + ",\"y\":"
                + NUMBERS[random.nextInt(NUMBERS.length)] + "}");
        }
        try (SqlFixture sql = SqlFixture.seeded(dir, "s:1")) {
            Projections projections = sql.connection.unwrap(Projections.class);
            List<String> mismatches = new ArrayList<>();
            for (int d = 0; d < DEFS.length; d++) {
                sql.update("CREATE PROJECTION p" + d + " AS " + DEFS[d]);
                SqlFold fold = (SqlFold) projections.fold("p" + d).orElseThrow();
                Fold.Preparer preparer = fold.staged().orElseThrow().preparer();
                // one preparer over all documents in turn, in both orders: state left from one must not leak
                List<String> all = new ArrayList<>(docs);
                List<String> reversed = new ArrayList<>(docs);
                Collections.reverse(reversed);
                all.addAll(reversed);
                for (String doc : all) {
                    String live = live(fold, event(doc, true));
                    for (boolean bytes : new boolean[] {true, false}) {
                        String prepared = prepared(preparer, event(doc, bytes));
                        if (!live.equals(prepared)) {
                            mismatches.add("p" + d + (bytes ? " bytes " : " upcast ") + doc + ": live " + live
                                + " prepared " + prepared);
                        }
                    }
                }
            }
            assertThat(mismatches).as("seed=%d", seed).isEmpty();
        }
    }

    private static String live(SqlFold fold, ProjectionEvent e) {
        Object[][] key = new Object[1][];
        try {
            fold.apply(e, new Fold.Groups() {
                @Override
                public Object get(Object k) {
                    key[0] = ((GroupKey) k).values().clone();
                    return null;
                }

                @Override
                public void put(Object k, Object state) {
                }
            });
        } catch (RuntimeException ex) {
            return "throws " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        return key[0] == null ? "filtered" : Arrays.deepToString(key[0]);
    }

    private static String prepared(Fold.Preparer preparer, ProjectionEvent e) {
        try {
            Object p = preparer.prepare(e);
            return p == null ? "filtered" : Arrays.deepToString(((GroupKey) p).values());
        } catch (RuntimeException ex) {
            return "throws " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
    }

    private static ProjectionEvent event(String data, boolean bytes) {
        return new ProjectionEvent() {
            @Override
            public long seq() { return 5; }
            @Override
            public String streamId() { return "s"; }
            @Override
            public String entityType() { return "thing"; }
            @Override
            public long version() { return 1; }
            @Override
            public String name() { return "n"; }
            @Override
            public int schemaVersion() { return 1; }
            @Override
            public UUID eventId() { return new UUID(1, 2); }
            @Override
            public long ts() { return 0; }
            @Override
            public Source source() { return Source.SQL; }
            @Override
            public String data() { return data; }
            @Override
            public ObjectNode json() { throw new UnsupportedOperationException(); }
            @Override
            public String metadata() { return null; }

            @Override
            public boolean dataUtf8(EventView.Utf8Sink sink) {
                if (!bytes) {
                    return false;
                }
                byte[] utf8 = data.getBytes(StandardCharsets.UTF_8);
                byte[] padded = new byte[utf8.length + 20];
                Arrays.fill(padded, (byte) '9');
                System.arraycopy(utf8, 0, padded, 7, utf8.length);
                sink.accept(padded, 7, utf8.length);
                return true;
            }
        };
    }
}
