package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code JSON_VALUE(col, path) = 'text'} skips events whose bytes cannot hold the text, and answers exactly as the same
 * condition without the prefilter: the reference query writes {@code data || ''}, which no rule turns into a needle.
 */
class JsonPrefilterTest {

    @TempDir
    Path dir;

    SqlFixture sql;

    @BeforeEach
    void givenEventsWithTrickyJson() throws SQLException {
        sql = SqlFixture.open(dir);
        String[][] events = {
            {"{\"c\":\"x-1\"}", null},
            {"{\"c\":\"x\\u002d1\"}", null},                     // the same value, escaped: no "x-1" in the bytes
            {"{\"c\":\"y\",\"d\":\"x-1\"}", "{\"trace\":\"t-9\"}"}, // the bytes hold "x-1", the path does not
            {"{\"c\":\"x-12\"}", "{\"trace\":\"t\\u002d9\"}"},
            {"{\"n\":100.50,\"c\":\"caf\u00e9\"}", null},
            {"{\"n\":100.5,\"c\":\"caf\\u00e9\"}", "{}"},
            {"{\"c\":{\"x-1\":1}}", null},
            {"{\"c\":[\"x-1\"]}", null},
            {"{\"a\":\"foo\",\"b\":\"bar\",\"x\":1e2}", null},
        };
        for (int i = 0; i < events.length; i++) {
            sql.update("INSERT INTO events (stream_id, entity_type, name, data, metadata) VALUES ('s-" + i
                + "', 'thing', 'thing.happened', '" + events[i][0].replace("'", "''") + "', "
                + (events[i][1] == null ? "NULL" : "'" + events[i][1] + "'") + ")");
        }
    }

    @AfterEach
    void close() throws SQLException {
        sql.close();
    }

    private void assertSameAsWithoutPrefilter(String condition, String needle, String... expectedStreams)
        throws SQLException {
        String q = "SELECT stream_id FROM events WHERE " + condition + " ORDER BY seq";
        String reference = "SELECT stream_id FROM events WHERE "
            + condition.replace("(data,", "(data || '',").replace("(metadata,", "(metadata || '',") + " ORDER BY seq";
        if (needle != null) {
            assertThat(sql.plan(q)).contains("contains=[[" + needle + "]]");
        } else {
            assertThat(sql.plan(q)).doesNotContain("contains=");
        }
        assertThat(sql.plan(reference)).doesNotContain("contains=");
        List<String> rows = sql.rows(q);
        assertThat(rows).as(q).isEqualTo(sql.rows(reference)).containsExactly(expectedStreams);
    }

    @Test
    void aStringValueIsFoundWrittenPlainOrEscaped() throws SQLException {
        assertSameAsWithoutPrefilter("JSON_VALUE(data, '$.c') = 'x-1'", "data:'x-1'", "s-0", "s-1");
        assertSameAsWithoutPrefilter("'x-1' = JSON_VALUE(data, '$.c')", "data:'x-1'", "s-0", "s-1");
    }

    @Test
    void nonAsciiTextIsMatchedAsUtf8Bytes() throws SQLException {
        assertSameAsWithoutPrefilter("JSON_VALUE(data, '$.c') = 'caf\u00e9'", "data:'caf\u00e9'", "s-4", "s-5");
    }

    @Test
    void metadataHasItsOwnNeedle() throws SQLException {
        assertSameAsWithoutPrefilter("JSON_VALUE(metadata, '$.trace') = 't-9' AND JSON_VALUE(data, '$.c') <> 'zz'",
            "metadata:'t-9'", "s-2", "s-3");
    }

    @Test
    void aNumberIsNeverANeedleSinceJsonValuePrintsItsOwnWay() throws SQLException {
        assertSameAsWithoutPrefilter("JSON_VALUE(data, '$.n') = '100.5'", null, "s-5");
        assertSameAsWithoutPrefilter("JSON_VALUE(data, '$.n') = '100.50'", null, "s-4");
    }

    @Test
    void aPathThatComputesItsValueIsNeverANeedle() throws SQLException {
        // Calcite's JSONPath engine runs functions: 'foobar' is nowhere in the document
        assertSameAsWithoutPrefilter("JSON_VALUE(data, 'lax $.concat($.a, $.b)') = 'foobar'", null, "s-8");
    }

    @Test
    void aNumberWithAnExponentIsFoundByItsPlainNumeralAndNeverANeedle() throws SQLException {
        assertSameAsWithoutPrefilter("JSON_VALUE(data, '$.x') = '100'", null, "s-8"); // 1e2: no "100" in the bytes
    }

    @Test
    void twoNeedlesMustBothBeThere() throws SQLException {
        assertSameAsWithoutPrefilter("JSON_VALUE(data, '$.c') = 'y' AND JSON_VALUE(data, '$.d') = 'x-1'",
            "data:'y', data:'x-1'", "s-2");
        assertSameAsWithoutPrefilter("JSON_VALUE(data, '$.c') = 'nowhere'", "data:'nowhere'");
    }
}
