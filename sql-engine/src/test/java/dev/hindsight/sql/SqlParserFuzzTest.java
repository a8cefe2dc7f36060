package dev.hindsight.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hindsight's SQL parser (Calcite's grammar plus {@code AS OF}, {@code ::} and {@code AT TIME ZONE}, with the
 * connection's {@link ConnectionSettings#PARSER} config) on arbitrary text: it returns a tree or throws a
 * {@link SqlParseException}, nothing else, within {@link #LIMIT} per input. The plan cache's
 * {@link LiftedStatement#lift} on the same text never throws, and a statement it lifts still parses once its literals
 * are replaced by parameters.
 *
 * <p>Plain test runs replay the seeds under {@code SqlParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SqlParserFuzzTest {

    /**
     * Per input, not per fuzzing run (which a JUnit {@code @Timeout} on the method would limit instead): a hang, not
     * a slow machine; the parser's classes are loaded before the first input is timed ({@link #loadTheParser}).
     */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @BeforeAll
    static void loadTheParser() throws SqlParseException {
        SqlParser.create("SELECT 1 FROM events AS OF SEQUENCE 1", ConnectionSettings.PARSER).parseStmtList();
        LiftedStatement.lift("SELECT 1 FROM events WHERE seq = 1", ConnectionSettings.PARSER);
    }

    @Test
    void anEmptyTextIsNoStatementNotAnIndexOutOfBounds() throws SqlParseException {
        for (int i = 0; i < 20_000; i++) { // enough for the JIT to have made a thrown exception a preallocated one
            assertThat(SqlParser.create("", ConnectionSettings.PARSER).parseStmtList()).isEmpty();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyTextParsesOrIsRefusedWithASqlParseException(byte[] bytes) {
        String sql = new String(bytes, StandardCharsets.UTF_8);
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                SqlParser.create(sql, ConnectionSettings.PARSER).parseStmtList();
            } catch (SqlParseException e) {
                // a text nested deeper than the thread's stack: Calcite wraps the StackOverflowError without a
                // message (how deep depends on the thread and the JIT); SyntaxErrors words it for clients
                if (!(e.getCause() instanceof StackOverflowError)) {
                    assertThat(e.getMessage()).isNotNull();
                }
            }
        });
    }

    @FuzzTest(maxDuration = "30s")
    void aLiftedStatementStillParses(byte[] bytes) {
        String sql = new String(bytes, StandardCharsets.UTF_8);
        assertTimeoutPreemptively(LIMIT, () -> {
            LiftedStatement lifted = LiftedStatement.lift(sql, ConnectionSettings.PARSER);
            if (lifted != null) {
                SqlParser.create(lifted.shape(), ConnectionSettings.PARSER).parseQuery();
            }
        });
    }
}
