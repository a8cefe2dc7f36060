package dev.hindsight.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.testkit.LogCapture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An internal error met while a statement is prepared is logged once, with its fault: Calcite's
 * {@code prepareStatement} kept only the state and message of the error, so nothing was logged, and the server's line
 * for the request said its fault was "logged above". A plan-cache shape that fails to prepare is no failure of the
 * statement (its text runs instead) and logs nothing of its own.
 */
class InternalErrorWhilePreparingTest {

    /**
     * An internal error of Calcite's while preparing: decorrelating a sub-query under {@code COALESCE} in a
     * {@code HAVING} fails an assertion (a {@code ClassCastException} with assertions off): a known fault; if it is
     * mended, take another.
     */
    private static final String FAILING = "SELECT stream_id FROM events GROUP BY stream_id HAVING COALESCE((SELECT "
        + "COUNT(*) FROM events e2 WHERE e2.stream_id = events.stream_id), 0) > ";

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:hindsight:mem:");
        try (Statement st = connection.createStatement()) {
            st.execute("INSERT INTO events (stream_id, entity_type, name, data) VALUES ('a', 'e', 'n', '{}')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void givenAStatementWhosePreparationFailsInternally_whenPrepared_thenXx000AndItsFaultIsLoggedOnce() {
        try (LogCapture logs = LogCapture.of("dev.hindsight")) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> connection.prepareStatement(FAILING + "?"));

            assertThat(e.getSQLState()).isEqualTo("XX000");
            List<LogRecord> records = logs.records();
            assertThat(records).as("records logged").hasSize(1);
            assertThat(records.get(0).getThrown().getStackTrace()[0].getClassName()).as("where the fault was")
                .startsWith("org.apache.calcite.");
        }
    }

    @Test
    void givenAStatementWhosePreparationFailsInternally_whenRunWithLiterals_thenItsFaultIsLoggedOnce() {
        try (LogCapture logs = LogCapture.of("dev.hindsight")) {
            // the plan cache first prepares its shape (literals as parameters), which fails alike, quietly
            SQLException e = catchThrowableOfType(SQLException.class,
                () -> connection.createStatement().executeQuery(FAILING + "1"));

            assertThat(e.getSQLState()).isEqualTo("XX000");
            List<LogRecord> records = logs.records();
            assertThat(records).as("records logged").hasSize(1);
            assertThat(records.get(0).getThrown().getStackTrace()[0].getClassName()).as("where the fault was")
                .startsWith("org.apache.calcite.");
        }
    }
}
